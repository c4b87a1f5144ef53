import { describe, expect, it } from 'vitest'
import { clearAccount, loadData, loadOutbox, saveChange } from './cache'
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
})
