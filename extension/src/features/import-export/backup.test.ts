// The JSON backup restores what it saved: export, restore into an empty library, export again gives the same file.

import { describe, expect, it } from 'vitest'
import { rankPosition, spreadPositions } from '../../../../model/position'
import { byPosition } from '../../../../model/rules'
import { bookmark, group, space } from '../../../test/fixtures'
import { createDataStore } from '../../store/data-store'
import { type DataState, emptyState } from '../../store/types'
import { planRestore, readBackup, toBackup } from './backup'

/** A library with everything a backup must keep: icons, colours, pins, archived items, empty lists, tags. */
function library(): DataState {
  const state = emptyState()
  const work = space('space_work', 2, { name: 'Work', icon: '💼', color: '#3b82f6' })
  const home = space('space_home', 1, { name: 'Home', icon: '🏠', color: 'green' })
  const empty = space('space_empty', 3, { name: 'Empty space' })
  const old = space('space_old', 4, { name: 'Old', isArchived: true })
  const docs = group('group_docs', work.id, 1, { name: 'Docs', icon: '📚' })
  const tools = group('group_tools', work.id, 0, { name: 'Tools' })
  const none = group('group_none', home.id, 0, { name: 'Nothing yet' })
  const gone = group('group_gone', home.id, 1, { name: 'Gone', isArchived: true })
  for (const s of [work, home, empty, old]) state.spaces[s.id] = s
  for (const g of [docs, tools, none, gone]) state.groups[g.id] = g
  const items = [
    bookmark('bookmark_a', docs, 2, { title: 'Spec', isPinned: true, tags: ['web', 'Reference'] }),
    bookmark('bookmark_b', docs, 0, { title: 'Guide', description: 'Read first' }),
    bookmark('bookmark_c', docs, 1, { title: 'Archived one', isArchived: true }),
    bookmark('bookmark_d', tools, 0, { title: 'Hammer', faviconUrl: 'https://hammer.example.com/icon.png' }),
    bookmark('bookmark_e', gone, 0, { title: 'In an archived group' })
  ]
  for (const b of items) state.bookmarks[b.id] = b
  return state
}

/** A backup without its times, each order replaced by the entity's place among its siblings in the file. */
function content(text: string) {
  const doc = JSON.parse(text) as Record<string, Record<string, unknown>[]>
  return Object.fromEntries(
    ['spaces', 'groups', 'bookmarks'].map((key) => {
      const seen = new Map<string, number>()
      const items = (doc[key] ?? []).map(({ updatedAt: _, order: __, ...rest }) => {
        const parent = String(rest.groupId ?? rest.spaceId ?? '')
        const place = seen.get(parent) ?? 0
        seen.set(parent, place + 1)
        return { ...rest, place }
      })
      return [key, items]
    })
  )
}

async function restored(text: string, mode: 'replace' | 'merge', into = emptyState(), keepIds = true) {
  const store = createDataStore()
  await store.load(`restore-${Math.random()}`)
  if (Object.keys(into.spaces).length)
    await store.mutate([
      ...Object.values(into.spaces).map((data) => ({ op: 'create', entity: 'space', data }) as const),
      ...Object.values(into.groups).map((data) => ({ op: 'create', entity: 'group', data }) as const),
      ...Object.values(into.bookmarks).map((data) => ({ op: 'create', entity: 'bookmark', data }) as const)
    ])
  const backup = readBackup(text)
  const plan = planRestore(store.snapshot(), backup.state, mode, keepIds)
  await store.mutate(plan.mutations)
  return { store, plan, backup }
}

describe('the JSON backup', () => {
  it('restores into an empty library as the same document: ids, icons, pins, order, archived, empty lists', async () => {
    const saved = toBackup(library())
    const { store, plan } = await restored(saved, 'replace')
    expect(plan.added).toEqual({ space: 4, group: 4, bookmark: 5 })
    expect(toBackup(store.snapshot())).toBe(saved)
    // The file lists spaces, groups and bookmarks in the order the person sees them.
    const doc = JSON.parse(saved) as { spaces: { name: string }[]; bookmarks: { title: string }[] }
    expect(doc.spaces.map((s) => s.name)).toEqual(['Home', 'Work', 'Empty space', 'Old'])
    expect(doc.bookmarks.map((b) => b.title)).toEqual([
      'In an archived group',
      'Hammer',
      'Guide',
      'Archived one',
      'Spec'
    ])
  })

  it('replaces a changed library with the backup: edits undone, additions deleted, order and moves put back', async () => {
    const saved = toBackup(library())
    const changed = library()
    const work = changed.spaces.space_work
    const docs = changed.groups.group_docs
    if (!work || !docs) throw new Error('fixture')
    changed.spaces.space_work = { ...work, name: 'Renamed', color: null, position: 'Zz' }
    changed.spaces.space_extra = space('space_extra', 9, { name: 'Added later' })
    changed.groups.group_docs = { ...docs, spaceId: 'space_home' }
    changed.bookmarks.bookmark_new = bookmark('bookmark_new', docs, 5, { title: 'Added later' })
    delete changed.bookmarks.bookmark_b
    delete changed.groups.group_none
    const { store, plan } = await restored(saved, 'replace', changed)
    expect(plan.removed).toEqual({ space: 1, group: 0, bookmark: 1 })
    expect(plan.added).toEqual({ space: 0, group: 1, bookmark: 1 })
    expect(plan.changed.space).toBe(1)
    // Edited entities carry the time of the restore; moved ones get back the backup's keys.
    expect(content(toBackup(store.snapshot()))).toEqual(content(saved))
  })

  it('merges: keeps everything here, adds what is missing after it, skips addresses already here', async () => {
    const here = emptyState()
    const mine = space('space_mine', 0, { name: 'Mine' })
    const inbox = group('group_inbox', mine.id, 0, { name: 'Inbox' })
    here.spaces[mine.id] = mine
    here.groups[inbox.id] = inbox
    here.bookmarks.bookmark_x = bookmark('bookmark_x', inbox, 0, { url: 'https://hammer.example.com/' })
    const { store, plan } = await restored(toBackup(library()), 'merge', here)
    expect(plan.duplicates).toBe(0)
    expect(plan.added).toEqual({ space: 4, group: 4, bookmark: 5 })
    const state = store.snapshot()
    expect(state.bookmarks.bookmark_x?.title).toBe('bookmark_x')
    // The backup's spaces come after the one here, in the backup's order.
    expect(
      Object.values(state.spaces)
        .sort(byPosition)
        .map((s) => s.name)
    ).toEqual(['Mine', 'Home', 'Work', 'Empty space', 'Old'])

    // Merging the same backup again adds nothing: every id is here now.
    const again = planRestore(state, readBackup(toBackup(library())).state, 'merge', true)
    expect(again.mutations).toEqual([])
  })

  it('signed in, gives what the account does not have new ids, keeping every reference between them', async () => {
    const { store, plan } = await restored(toBackup(library()), 'replace', emptyState(), false)
    const state = store.snapshot()
    expect(plan.added.bookmark).toBe(5)
    expect(state.spaces.space_work).toBeUndefined()
    const spec = Object.values(state.bookmarks).find((b) => b.title === 'Spec')
    const docs = state.groups[spec?.groupId ?? '']
    expect(docs?.name).toBe('Docs')
    expect(state.spaces[docs?.spaceId ?? '']?.name).toBe('Work')
    expect(spec?.spaceId).toBe(docs?.spaceId)
  })

  it('lists the entries it cannot restore, with the reason, and restores the rest', () => {
    const doc = JSON.parse(toBackup(library())) as Record<string, Record<string, unknown>[]>
    doc.bookmarks?.push(
      { id: 'bookmark_bad', groupId: 'group_docs', title: 'Bad', url: 'javascript:alert(1)' },
      { id: 'bookmark_orphan', groupId: 'group_missing', title: 'Orphan', url: 'https://orphan.example/' }
    )
    doc.groups?.push({ id: 'not-an-id', spaceId: 'space_work', name: 'Odd' })
    const backup = readBackup(JSON.stringify(doc))
    expect(backup.problems).toEqual([
      { kind: 'group', name: 'Odd', reason: expect.stringMatching(/^id: Must look like group_/) },
      { kind: 'bookmark', name: 'Bad', reason: expect.stringMatching(/^url: /) },
      { kind: 'bookmark', name: 'Orphan', reason: 'Its group is not in the backup' }
    ])
    expect(Object.keys(backup.state.bookmarks)).toHaveLength(5)
    expect(() => readBackup('{"format":"other"}')).toThrow(/not a Bookmarks Index backup/)
    expect(() => readBackup('not json')).toThrow(/not valid JSON/)
  })

  it('reads the first version’s exports, filling the fields added since with their defaults', () => {
    const v1 = {
      format: 'bookmarks-index',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      spaces: [{ id: 'space_a', name: 'A', icon: '📁', color: null, order: 0, isArchived: false }],
      groups: [{ id: 'group_a', spaceId: 'space_a', name: 'G', icon: null, order: 0, isArchived: false }],
      bookmarks: [
        { id: 'bookmark_a', spaceId: 'space_a', groupId: 'group_a', title: 'T', url: 'https://a.example/' }
      ]
    }
    const { state, problems } = readBackup(JSON.stringify(v1))
    expect(problems).toEqual([])
    expect(state.bookmarks.bookmark_a).toMatchObject({
      tags: [],
      isPinned: false,
      position: rankPosition(0),
      isArchived: false
    })
    expect(state.bookmarks.bookmark_a).not.toHaveProperty('order')
  })

  it('reads a version 2 backup’s integer orders as each list’s order (ties in file order), given fresh keys', () => {
    const v2 = {
      format: 'bookmarks-index',
      version: 2,
      spaces: [{ id: 'space_a', name: 'A', icon: '📁', color: null, order: 0 }],
      groups: [{ id: 'group_a', spaceId: 'space_a', name: 'G', icon: null, order: 0 }],
      bookmarks: [
        { id: 'bookmark_x', groupId: 'group_a', title: 'X', url: 'https://x.example/', order: 2 },
        { id: 'bookmark_y', groupId: 'group_a', title: 'Y', url: 'https://y.example/', order: 0 },
        { id: 'bookmark_z', groupId: 'group_a', title: 'Z', url: 'https://z.example/', order: 2 },
        { id: 'bookmark_w', groupId: 'group_a', title: 'W', url: 'https://w.example/', order: 1 }
      ]
    }
    const { state, problems } = readBackup(JSON.stringify(v2))
    expect(problems).toEqual([])
    const shown = Object.values(state.bookmarks).sort(byPosition)
    expect(shown.map((b) => b.id)).toEqual(['bookmark_y', 'bookmark_w', 'bookmark_x', 'bookmark_z'])
    expect(shown.map((b) => b.position)).toEqual(spreadPositions(4))
  })

  it('round-trips every list’s order: the keys are written and read back as they were', () => {
    const saved = library()
    const back = readBackup(toBackup(saved)).state
    for (const kind of ['spaces', 'groups', 'bookmarks'] as const) {
      const keys = (state: typeof saved) =>
        Object.values(state[kind] as Record<string, { id: string; position: string }>)
          .sort(byPosition)
          .map((item) => [item.id, item.position])
      expect(keys(back), kind).toEqual(keys(saved))
    }
  })
})
