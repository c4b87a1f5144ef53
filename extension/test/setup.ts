// Every test gets a fresh in-memory IndexedDB and a clean DOM.
import 'fake-indexeddb/auto'
import { cleanup } from '@solidjs/testing-library'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach } from 'vitest'

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
