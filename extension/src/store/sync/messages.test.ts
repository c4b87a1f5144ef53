import { describe, expect, it } from 'vitest'
import { describeRejection } from './messages'

describe('describeRejection', () => {
  it('names the change and the reason', () => {
    expect(
      describeRejection({
        mutation: {
          mutationId: 'm1',
          op: 'update',
          entity: 'bookmark',
          data: { id: 'bookmark_1', title: 'Spec' }
        },
        reason: 'deleted'
      })
    ).toBe('Your edit to the bookmark “Spec” was undone: it was deleted on another device.')
    expect(
      describeRejection({
        mutation: { mutationId: 'm2', op: 'delete', entity: 'group', data: { id: 'group_1' } },
        reason: 'not_found'
      })
    ).toBe('Deleting the group was undone: it was deleted on another device.')
  })

  it('covers parents, duplicates and unknown reasons', () => {
    const move = {
      mutationId: 'm3',
      op: 'move' as const,
      entity: 'bookmark' as const,
      data: { id: 'bookmark_1', groupId: 'group_9', index: 0 }
    }
    expect(describeRejection({ mutation: move, reason: 'parent_deleted' })).toMatch(
      /place it was in was deleted/
    )
    expect(describeRejection({ mutation: move, reason: 'id_taken' })).toMatch(/already exists/)
    expect(describeRejection({ mutation: move, reason: 'conflict' })).toMatch(/same id/)
    expect(describeRejection({ mutation: move, reason: 'account_reset' })).toMatch(
      /account’s data was deleted/
    )
    expect(describeRejection({ mutation: move, reason: 'repeated_id' })).toMatch(/order was not valid/)
    expect(describeRejection({ mutation: move, reason: 'bookmark_quota_exceeded' })).toBe(
      'Moving the bookmark was undone: your account holds 100,000 bookmarks, the most it can.'
    )
    expect(describeRejection({ mutation: move, reason: 'other' })).toBe(
      'Moving the bookmark was undone (other).'
    )
  })
})
