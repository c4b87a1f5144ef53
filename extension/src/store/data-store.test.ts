import { describe, expect, it, vi } from 'vitest'
import { bookmark, group, space } from '../../test/fixtures'
import { LOCAL_ACCOUNT, saveChange } from './cache'
import { createDataStore } from './data-store'
import { asState, type DataState, emptyState } from './types'

describe('the data store', () => {
  it('keeps the start view’s bookmark objects when the whole library arrives, tags and all, so its tiles stay', async () => {
    const s = space('space_1')
    const g = group('group_1', s.id)
    const data = emptyState()
    data.spaces[s.id] = s
    data.groups[g.id] = g
    for (const [i, tags] of [[], ['work'], ['a', 'b']].entries()) {
      const b = bookmark(`bookmark_${i}`, g, i, { tags })
      data.bookmarks[b.id] = b
    }
    await saveChange(
      LOCAL_ACCOUNT,
      (draft) => {
        Object.assign(draft.spaces, data.spaces)
        Object.assign(draft.groups, data.groups)
        for (const b of Object.values(data.bookmarks)) draft.bookmarks[b.id] = b
      },
      []
    )
    // The cached start view is a JSON copy: equal, but every object (and every tags list) its own.
    const view = asState(JSON.parse(JSON.stringify(data)) as DataState)
    const store = createDataStore()
    store.showView(view)
    await store.load()
    for (const id of Object.keys(data.bookmarks)) expect(store.state.bookmarks[id]).toBe(view.bookmarks[id])
  })

  it('has its sync engine push what the service worker queued for its account, and only that', async () => {
    const store = createDataStore()
    await store.load('user_1')
    const pushes: string[] = []
    store.onLocalChange(() => pushes.push('push'))
    // The service worker's announcements (background/capture.ts announceChange), from another context.
    const worker = new BroadcastChannel('bookmarks-index:changes')
    worker.postMessage({ account: 'user_1' })
    worker.postMessage({ account: 'user_2', queued: true })
    worker.postMessage({ account: 'user_1', queued: true })
    await vi.waitFor(() => expect(pushes).toEqual(['push']))
    worker.close()
  })
})
