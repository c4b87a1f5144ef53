// Component and store tests: jsdom with fake IndexedDB, Solid compiled for the browser in dev mode.
import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [solid()],
  resolve: { conditions: ['development', 'browser'] },
  test: {
    name: 'extension',
    root: import.meta.dirname,
    environment: 'jsdom',
    // One jsdom a worker, each file still in a fresh context of its own: creating jsdom per file was most of
    // this project's time (Vitest's own advice, https://vitest.dev/guide/improving-performance#test-environments).
    pool: 'vmThreads',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
    // Tests assert behaviour, never speed: a busy machine can take seconds over a dialog's steps.
    testTimeout: 30_000
  }
})
