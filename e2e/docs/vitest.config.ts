// /docs end to end: a real `wrangler dev` on its own embedded PostgreSQL, Swagger UI in headless Chromium
// with every request that would leave 127.0.0.1 aborted.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e-docs',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
})
