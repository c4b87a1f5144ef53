import { promisifyRequest } from 'idb-keyval'
import { describe, expect, it } from 'vitest'
import { clearAccount, db, loadData, loadOutbox, saveChange } from './cache'
import { loadSyncMeta, peekSyncMeta, saveCursor } from './sync/meta'

describe('the IndexedDB cache', () => {
  it('sign-out clears the data, the outbox and the sync state together, so no cursor outlives its data', async () => {
    const account = 'user_cache'
    const mutation = {
      mutationId: 'mutation_1',
      op: 'delete',
      entity: 'space',
      data: { id: 'space_1' }
    } as const
    await saveChange(account, () => undefined, [mutation])
    await loadSyncMeta(account)
    await saveCursor(account, 'cursor_1')
    expect(await peekSyncMeta(account)).toMatchObject({ cursor: 'cursor_1' })

    await clearAccount(account)
    expect(await loadData(account)).toBeUndefined()
    expect(await loadOutbox(account)).toEqual([])
    expect(await peekSyncMeta(account)).toBeUndefined()
  })

  it('data stored by an older version, before tags, loads with every bookmark untagged', async () => {
    const account = 'user_old'
    const old = {
      spaces: { space_1: { id: 'space_1', name: 'S', icon: '📁', color: null, order: 0, isArchived: false } },
      groups: {
        group_1: { id: 'group_1', spaceId: 'space_1', name: 'G', icon: null, order: 0, isArchived: false }
      },
      bookmarks: {
        bookmark_1: {
          id: 'bookmark_1',
          spaceId: 'space_1',
          groupId: 'group_1',
          title: 'T',
          url: 'https://t.example/'
        }
      }
    }
    await db()('readwrite', (store) => promisifyRequest(store.put(JSON.stringify(old), `data:${account}`)))
    const data = await loadData(account)
    expect(data?.bookmarks.bookmark_1).toMatchObject({
      title: 'T',
      tags: [],
      description: null,
      isPinned: false
    })
  })
})
