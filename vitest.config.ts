// `npm test` runs every project: the Worker in workerd, the extension in jsdom, end-to-end in Chromium.
// The database and signing keys start once here, in Node, and reach the projects through inject().
// `npm test` passes --maxWorkers=2: two files at a time in every project (a root maxWorkers does not reach the
// projects). Most of a file's time is spent waiting on Chromium, workerd or PostgreSQL, which run in processes of
// their own; at Vitest's default on two cores (one), each project ran in a group after the last, file by file.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    projects: [
      'model/vitest.config.ts',
      'worker/vitest.config.ts',
      'e2e/api/vitest.config.ts',
      'extension/vitest.config.ts',
      'e2e/vitest.config.ts',
      'e2e/docs/vitest.config.ts',
      'e2e/sync/vitest.config.ts',
      'e2e/resilience/vitest.config.ts',
      'e2e/model/vitest.config.ts'
    ]
  }
})
