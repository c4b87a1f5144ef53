// Every test gets a fresh in-memory IndexedDB and a clean DOM.
import 'fake-indexeddb/auto'
import { performance as nodePerformance } from 'node:perf_hooks'
import { cleanup } from '@solidjs/testing-library'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach } from 'vitest'

// The pool (vmThreads, extension/vitest.config.ts) gives each file jsdom's own `performance`, which lacks User
// Timing (mark, measure); the app's marks tell the Chromium tests a state was reached. Node's is the same web API.
if (typeof performance.mark !== 'function')
  Object.defineProperty(globalThis, 'performance', { value: nodePerformance, configurable: true })

// Node's BroadcastChannel spans the whole process, and that pool runs several files in one process: a tab's
// broadcast in one file reached the stores of another (and of files already finished). Each file is its own
// origin here, as each extension is in Chrome: its channels are named apart, and otherwise Node's own.
const origin = crypto.randomUUID()
globalThis.BroadcastChannel = class extends BroadcastChannel {
  constructor(name: string) {
    super(`${origin}:${name}`)
  }
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  localStorage.clear()
})

// Let the finished test's IndexedDB writes and tab broadcasts land before the next test swaps the database.
afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 50))
})
window.scrollTo = () => {}
