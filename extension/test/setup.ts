// Every test gets a fresh in-memory IndexedDB and a clean DOM.
import 'fake-indexeddb/auto'
import { cleanup } from '@solidjs/testing-library'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach } from 'vitest'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  localStorage.clear()
})

afterEach(() => cleanup())
window.scrollTo = () => {}
