// Who pushes a capture: never the signed-out data; an open new tab whose engine syncs the account (it holds the
// engine's presence lock); else the offscreen document, opened once for captures at the same time, and again
// when it closed itself between the check and the message. The browser's real behaviour is e2e/sync/capture-sync.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiClient } from '../api/client'
import { LOCAL_ACCOUNT, saveChange } from '../store/cache'
import { createSyncEngine } from '../store/sync'
import { engineRunning } from '../store/sync/engine'
import { rememberCaptureTarget } from './capture-target'
import { OFFSCREEN_DOCUMENT, type OffscreenSyncResult, pushCaptured, pushWaiting } from './sync'

type Lock = { name: string; mode: LockMode }

/** A Web Locks stand-in (jsdom has none) that grants every request at once: these tests never contend. */
function grantingLocks() {
  const held: Lock[] = []
  return {
    async request(
      name: string,
      options: LockOptions | ((lock: Lock) => unknown),
      callback?: (lock: Lock) => unknown
    ) {
      const [opts, work] = typeof options === 'function' ? [{}, options] : [options, callback]
      if (opts.signal?.aborted) throw new DOMException('The request was aborted.', 'AbortError')
      const lock: Lock = { name, mode: opts.mode ?? 'exclusive' }
      held.push(lock)
      try {
        return await work?.(lock)
      } finally {
        held.splice(held.indexOf(lock), 1)
      }
    },
    query: async () => ({ held: [...held], pending: [] })
  }
}

/** The extension APIs sync.ts uses, with an offscreen document that answers `answer` while open. */
function fakeExtension(answer: OffscreenSyncResult) {
  const url = `chrome-extension://test/${OFFSCREEN_DOCUMENT}`
  const stored: Record<string, unknown> = {}
  const state = { open: false, closeBeforeNextMessage: false, created: 0, messages: [] as unknown[] }
  const chrome = {
    runtime: {
      id: 'test',
      getURL: (path: string) => `chrome-extension://test/${path}`,
      getContexts: async (filter: { documentUrls?: string[] }) =>
        state.open && filter.documentUrls?.includes(url)
          ? [{ contextType: 'OFFSCREEN_DOCUMENT', documentUrl: url, tabId: -1 }]
          : [],
      sendMessage: async (message: unknown) => {
        state.messages.push(message)
        if (state.closeBeforeNextMessage) {
          state.closeBeforeNextMessage = false
          state.open = false
        }
        if (!state.open) throw new Error('Could not establish connection. Receiving end does not exist.')
        return answer
      }
    },
    offscreen: {
      createDocument: async (parameters: { url: string }) => {
        if (state.open) throw new Error('Only a single offscreen document may be created.')
        expect(parameters.url).toBe(OFFSCREEN_DOCUMENT)
        state.created++
        state.open = true
      }
    },
    storage: {
      local: {
        get: async (key: string) => ({ [key]: stored[key] }),
        set: async (items: Record<string, unknown>) => void Object.assign(stored, items)
      }
    }
  }
  vi.stubGlobal('chrome', chrome)
  return state
}

const synced: OffscreenSyncResult = { state: 'synced', pending: 0 }

/** An engine that is started (as an open new tab's is), with an API that is away. */
function startedEngine(account: string) {
  const { client } = createApiClient({ fetch: async () => new Response(null, { status: 503 }) })
  const engine = createSyncEngine({ account, client, applyRemote: async () => undefined })
  engine.start()
  return engine
}

beforeEach(() => {
  Object.defineProperty(navigator, 'locks', { value: grantingLocks(), configurable: true })
})
afterEach(() => {
  Reflect.deleteProperty(navigator, 'locks')
  vi.unstubAllGlobals()
})

describe('pushing a capture from the background', () => {
  it('never pushes the signed-out data: it reaches an account through the sign-in’s migration', async () => {
    const extension = fakeExtension(synced)
    expect(await pushCaptured(LOCAL_ACCOUNT)).toEqual({ via: 'nobody' })
    expect(extension.messages).toEqual([])
  })

  it('leaves an account to the open new tab whose engine syncs it, and only while that engine runs', async () => {
    const extension = fakeExtension(synced)
    const engine = startedEngine('user_1')
    expect(await pushCaptured('user_1')).toEqual({ via: 'new-tab' })
    expect(extension.messages).toEqual([])
    // Another account has no engine here.
    expect(await pushCaptured('user_2')).toEqual({ via: 'offscreen', result: synced })
    engine.stop()
    // A lock is let go asynchronously.
    await vi.waitFor(async () => expect(await engineRunning('user_1')).toBe(false))
    expect(await pushCaptured('user_1')).toEqual({ via: 'offscreen', result: synced })
    expect(extension.messages).toEqual([
      { type: 'sync-account', account: 'user_2' },
      { type: 'sync-account', account: 'user_1' }
    ])
  })

  it('opens one offscreen document for captures made at the same time, and asks it to sync the account', async () => {
    const extension = fakeExtension({ state: 'offline', pending: 2, error: 'The API could not be reached' })
    const results = await Promise.all([pushCaptured('user_1'), pushCaptured('user_1')])
    expect(extension.created).toBe(1)
    expect(results).toEqual([
      { via: 'offscreen', result: { state: 'offline', pending: 2, error: 'The API could not be reached' } },
      { via: 'offscreen', result: { state: 'offline', pending: 2, error: 'The API could not be reached' } }
    ])
  })

  it('opens the document again when it closed itself between the check and the message', async () => {
    const extension = fakeExtension(synced)
    await pushCaptured('user_1')
    extension.closeBeforeNextMessage = true
    expect(await pushCaptured('user_1')).toEqual({ via: 'offscreen', result: synced })
    expect(extension.created).toBe(2)
  })
})

describe('on the worker’s start', () => {
  it('pushes what captures left in the outbox of the account they go to, and nothing else', async () => {
    const extension = fakeExtension(synced)
    expect(await pushWaiting()).toBeUndefined()
    rememberCaptureTarget({ account: 'user_1', groupId: 'group_1' })
    expect(await pushWaiting()).toBeUndefined()
    await saveChange('user_1', () => undefined, [
      { op: 'delete', entity: 'bookmark', data: { id: 'bookmark_1' }, mutationId: 'mutation_1' }
    ])
    expect(await pushWaiting()).toEqual({ via: 'offscreen', result: synced })
    expect(extension.messages).toEqual([{ type: 'sync-account', account: 'user_1' }])
  })
})
