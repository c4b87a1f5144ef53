// Resilience end to end in Node: each file runs its own embedded PostgreSQL and a real `wrangler dev`, then
// stops, kills or starves the database while requests run. Each file owns its stack (its own ports, picked below
// the ephemeral range so no outgoing connection takes one first, and its own directories), so files run beside the
// others: a project of one-at-a-time files runs after all the rest, alone.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e-resilience',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
