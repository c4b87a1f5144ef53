// The extension's sync engine end to end in Node: a real `wrangler dev` on its own embedded PostgreSQL,
// the engine's IndexedDB in fake-indexeddb, two engines as two devices of one user.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e-sync',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000
  }
})
