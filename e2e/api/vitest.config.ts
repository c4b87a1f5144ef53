// End-to-end API tests in Node: real `wrangler dev` processes on their own embedded PostgreSQL databases.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e-api',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000
  }
})
