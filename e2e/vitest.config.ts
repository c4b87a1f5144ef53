// End-to-end tests of the new-tab extension in Debian's Chromium; the extension is built first if stale.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['extension/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./lib/build-extension.ts'],
    testTimeout: 60_000,
    // A busy CI machine can take seconds to start a tab; polled expectations wait as long as actions do.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    // Each file starts its own Chromium; a few at a time keeps CI machines responsive.
    maxWorkers: 2
  }
})
