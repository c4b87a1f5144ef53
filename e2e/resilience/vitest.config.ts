// Resilience end to end in Node: each file runs its own embedded PostgreSQL and a real `wrangler dev`, then
// stops, kills or starves the database while requests run. Files run one at a time, after the other projects: run
// beside them, a Worker's port (picked free, then bound by wrangler) was once taken in between (EADDRINUSE).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e-resilience',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
