// What "Keep it in this browser" keeps when the account's data is deleted: the account's copy with the signed-out
// library added to it, nothing of either left out. The deletion itself, in Chromium: e2e/sync/delete-account.

import { describe, expect, it } from 'vitest'
import { byPosition } from '../../../model/rules'
import { bookmark, group, space } from '../../test/fixtures'
import { emptyState } from '../store/types'
import { keptLibrary } from './delete-account'

describe('the library kept after the account’s data is deleted', () => {
  it('is the account’s copy where both have an item, with what only the signed-out library has added', () => {
    const work = space('space_work', 0, { name: 'Work, renamed in the account' })
    const docs = group('group_docs', work.id)
    const account = emptyState()
    account.spaces[work.id] = work
    account.groups[docs.id] = docs
    account.bookmarks.bookmark_mdn = bookmark('bookmark_mdn', docs, 0, {
      url: 'https://developer.mozilla.org/'
    })

    // Signed out: the same space as it was uploaded, a bookmark made before signing in and never uploaded, the
    // same address under another id, and a space of its own.
    const signedOut = emptyState()
    signedOut.spaces[work.id] = { ...work, name: 'Work' }
    signedOut.groups[docs.id] = docs
    signedOut.bookmarks.bookmark_local = bookmark('bookmark_local', docs, 0)
    signedOut.bookmarks.bookmark_same = bookmark('bookmark_same', docs, 1, {
      url: 'https://developer.mozilla.org/'
    })
    const home = space('space_home', 1)
    signedOut.spaces[home.id] = home

    const kept = keptLibrary(account, signedOut)
    expect(Object.values(kept.spaces).map((s) => s.name)).toEqual([
      'Work, renamed in the account',
      'space_home'
    ])
    expect(Object.keys(kept.groups)).toEqual(['group_docs'])
    const inDocs = Object.values(kept.bookmarks).sort(byPosition)
    expect(inDocs.map((b) => b.id)).toEqual(['bookmark_mdn', 'bookmark_local'])
  })

  it('is the account’s copy as it is when the signed-out library is empty', () => {
    const work = space('space_work')
    const account = emptyState()
    account.spaces[work.id] = work
    expect(keptLibrary(account, emptyState())).toEqual(account)
  })
})
