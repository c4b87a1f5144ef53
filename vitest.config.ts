// `npm test` runs every project: the Worker in workerd, the extension in jsdom, end-to-end in Chromium.
// The database and signing keys start once here, in Node, and reach the projects through inject().
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
