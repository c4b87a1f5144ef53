// The model-based sync test: three devices of one user run the real sync engine against a real `wrangler dev`
// and PostgreSQL while a nemesis loses answers, repeats pushes, kills devices and restarts the servers.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e-model',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    // A failure shrinks its history by running it again many times; the passing run is bounded by its size.
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000
  }
})
