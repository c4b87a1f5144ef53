// The extension's sync engine end to end: in Node (fake-indexeddb) and in Chromium (the engine alone, and the
// built extension), against one real `wrangler dev` on its own embedded PostgreSQL for the whole project.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e-sync',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000
  }
})
