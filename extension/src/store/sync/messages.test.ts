import { describe, expect, it } from 'vitest'
import { describeChange, describeRejection, describeSetAsideReason } from './messages'

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
      data: { id: 'bookmark_1', groupId: 'group_9', position: 'a0' }
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

describe('describeChange', () => {
  it('names a bookmark without a title by its address', () => {
    const data = { id: 'bookmark_1', groupId: 'group_1', title: '', url: 'mailto:someone@example.com' }
    expect(describeChange({ mutationId: 'm1', op: 'create', entity: 'bookmark', data } as never)).toBe(
      'Adding the bookmark “mailto:someone@example.com”'
    )
  })
})

describe('describeSetAsideReason', () => {
  it('says which field the server refused, as the dialogs name it, without the request’s paths', () => {
    expect(
      describeSetAsideReason(
        'The server refused it: Invalid request body: mutations.0.data.title: Must not contain broken characters (a lone surrogate) or NUL'
      )
    ).toBe('The server refused it: the title must not contain broken characters (a lone surrogate) or NUL.')
    expect(describeSetAsideReason('The server refused it: bookmarks.7.title: Must not be empty')).toBe(
      'The server refused it: the title must not be empty.'
    )
    expect(
      describeSetAsideReason('The server refused it: Invalid request body: mutations.3.data.tags.2: Too big')
    ).toBe('The server refused it: the tags: Too big.')
    expect(
      describeSetAsideReason(
        'The server refused it: bookmarks.0.url: Must be a full URL such as https://example.com'
      )
    ).toBe('The server refused it: the address must be a full URL such as https://example.com.')
  })

  it('says a migration’s rejection code in words, and leaves other reasons as they are', () => {
    expect(describeSetAsideReason('The server refused it (parent_not_found)')).toBe(
      'The server refused it: the place it was in was deleted on another device.'
    )
    expect(describeSetAsideReason('The server refused it (bookmark_quota_exceeded)')).toBe(
      'The server refused it: your account holds 100,000 bookmarks, the most it can.'
    )
    expect(describeSetAsideReason('The server refused it (something_new)')).toBe(
      'The server refused it (something_new).'
    )
    expect(
      describeSetAsideReason('The server refused it: Invalid request body: mutations.0: Invalid input')
    ).toBe('The server refused it: mutations.0: Invalid input.')
    expect(describeSetAsideReason('Waits for a change that was set aside')).toBe(
      'Waits for a change that was set aside.'
    )
  })
})
