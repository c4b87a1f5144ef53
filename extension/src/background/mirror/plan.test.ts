// The mirror's plan on both sides at once: the store's data through its own mutation rules, Chrome's tree in
// memory with chrome.bookmarks' semantics. Every case ends with a second run that changes nothing.
import { describe, expect, it } from 'vitest'
import { byPosition } from '../../../../model/rules'
import { MemoryTree } from '../../../test/bookmark-tree'
import { bookmark, group, space } from '../../../test/fixtures'
import { applyMutation } from '../../store/apply'
import { type DataState, emptyState } from '../../store/types'
import { applyToChrome } from './apply-chrome'
import { type ChromeNode, keepBothSides, type MirrorMap, type MirrorPlan, planMirror } from './plan'

const NOW = '2026-03-01T12:00:00.000Z'
const MARKER = 'chrome-extension://abc/index.html#mirror=tag'
const isMarker = (n: ChromeNode) => n.url === MARKER

type Side = { data: DataState; tree: MemoryTree; root: string; map: MirrorMap; ids: number }

function side(data = emptyState()): Side {
  return { data, tree: new MemoryTree(), root: '', map: { entries: [], orders: {} }, ids: 0 }
}

/** One mirror run: the plan, its store half applied as the store applies mutations, its Chrome half on the tree. */
async function run(s: Side, now = NOW): Promise<MirrorPlan> {
  if (!s.root) {
    s.root = (await s.tree.create({ parentId: '2', title: 'Bookmarks Index' })).id
    await s.tree.create({ parentId: s.root, title: 'Open Bookmarks Index', url: MARKER })
  }
  const plan = planMirror({
    data: s.data,
    root: s.tree.subtree(s.root),
    map: s.map,
    isMarker,
    now,
    newId: (kind) => `${kind}_chrome-${++s.ids}`
  })
  for (const m of plan.store) applyMutation(s.data, m, now)
  s.map = await applyToChrome(plan, s.tree, s.root, isMarker, async () => {})
  return plan
}

/** Runs until a run changes nothing (at most a few): the mirror's own writes settle at once. */
async function settle(s: Side): Promise<void> {
  await run(s)
  const again = await run(s)
  expect(again.store).toEqual([])
  expect(again.chrome).toEqual([])
}

function outline(data: DataState): string[] {
  const lines: string[] = []
  const live = <T extends { isArchived: boolean }>(list: T[]) => list.filter((x) => !x.isArchived)
  for (const s of live(Object.values(data.spaces)).sort(byPosition)) {
    lines.push(`${s.name}/`)
    for (const g of live(Object.values(data.groups).filter((g) => g.spaceId === s.id)).sort(byPosition)) {
      lines.push(`  ${g.name}/`)
      for (const b of live(Object.values(data.bookmarks).filter((b) => b.groupId === g.id)).sort(byPosition))
        lines.push(`    ${b.title} ${b.url}`)
    }
  }
  return lines
}
const chromeOutline = (s: Side) => s.tree.outline(s.root).filter((l) => !l.includes(MARKER))

function library(): DataState {
  const data = emptyState()
  const work = space('work', 0, { name: 'Work' })
  const home = space('home', 1, { name: 'Home' })
  const docs = group('docs', 'work', 0, { name: 'Docs' })
  const tools = group('tools', 'work', 1, { name: 'Tools' })
  const food = group('food', 'home', 0, { name: 'Food' })
  data.spaces = { work, home }
  data.groups = { docs, tools, food }
  for (const b of [
    bookmark('spec', docs, 0, { title: 'Spec' }),
    bookmark('guide', docs, 1, { title: 'Guide' }),
    bookmark('lint', tools, 0, { title: 'Lint' }),
    bookmark('soup', food, 0, { title: 'Soup' })
  ])
    data.bookmarks[b.id] = b
  return data
}

describe('the mirror plan', () => {
  it('puts the library in Chrome as folders and bookmarks in the same order, and a second run does nothing', async () => {
    const s = side(library())
    await settle(s)
    expect(chromeOutline(s)).toEqual(outline(s.data))
    expect(chromeOutline(s)).toEqual([
      'Work/',
      '  Docs/',
      '    Spec https://spec.example.com/',
      '    Guide https://guide.example.com/',
      '  Tools/',
      '    Lint https://lint.example.com/',
      'Home/',
      '  Food/',
      '    Soup https://soup.example.com/'
    ])
  })

  it('brings folders and bookmarks made in Chrome into the store, in Chrome’s order', async () => {
    const s = side(library())
    await settle(s)
    const docs = s.map.entries.find((e) => e.entityId === 'docs')?.chromeId as string
    await s.tree.create({ parentId: docs, title: 'First', url: 'https://first.example.com', index: 0 })
    const space = await s.tree.create({ parentId: s.root, title: 'Reading', index: 1 })
    const later = await s.tree.create({ parentId: space.id, title: 'Later' })
    await s.tree.create({ parentId: later.id, title: '', url: 'https://blog.example.com/post' })
    // Not representable: a bookmark straight in a space's folder, a folder inside a group.
    await s.tree.create({ parentId: space.id, title: 'Loose', url: 'https://loose.example.com/' })
    await s.tree.create({ parentId: later.id, title: 'Deep folder' })
    const plan = await run(s)
    expect(plan.skipped).toBe(2)
    await settle(s)
    expect(outline(s.data)).toEqual([
      'Reading/',
      '  Later/',
      '    blog.example.com https://blog.example.com/post',
      'Work/',
      '  Docs/',
      '    First https://first.example.com/',
      '    Spec https://spec.example.com/',
      '    Guide https://guide.example.com/',
      '  Tools/',
      '    Lint https://lint.example.com/',
      'Home/',
      '  Food/',
      '    Soup https://soup.example.com/'
    ])
    expect(Object.keys(s.data.bookmarks).filter((id) => id.includes('_chrome-'))).toHaveLength(2)
  })

  it('moves and reorders either way: a Chrome move is a store move, a store reorder a Chrome move', async () => {
    const s = side(library())
    await settle(s)
    const chromeOf = (id: string) => s.map.entries.find((e) => e.entityId === id)?.chromeId as string
    await s.tree.move(chromeOf('guide'), { parentId: chromeOf('docs'), index: 0 })
    await s.tree.move(chromeOf('soup'), { parentId: chromeOf('tools'), index: 0 })
    await settle(s)
    expect(outline(s.data).slice(0, 7)).toEqual([
      'Work/',
      '  Docs/',
      '    Guide https://guide.example.com/',
      '    Spec https://spec.example.com/',
      '  Tools/',
      '    Soup https://soup.example.com/',
      '    Lint https://lint.example.com/'
    ])
    expect(s.data.bookmarks.soup?.spaceId).toBe('work')
    // The store puts Home first and Lint before Soup.
    applyMutation(s.data, { op: 'move', entity: 'space', data: { id: 'home', position: 'Zz' } }, NOW)
    applyMutation(
      s.data,
      { op: 'move', entity: 'bookmark', data: { id: 'lint', groupId: 'tools', position: 'Zz' } },
      NOW
    )
    await settle(s)
    expect(chromeOutline(s)).toEqual(outline(s.data))
    expect(chromeOutline(s)[0]).toBe('Home/')
  })

  it('ends an edit made on both sides at once the same on both: the store wins, other fields merge', async () => {
    const s = side(library())
    await settle(s)
    const chromeOf = (id: string) => s.map.entries.find((e) => e.entityId === id)?.chromeId as string
    applyMutation(
      s.data,
      { op: 'update', entity: 'bookmark', data: { id: 'spec', title: 'Spec (store)' } },
      NOW
    )
    await s.tree.update(chromeOf('spec'), { title: 'Spec (chrome)' })
    await s.tree.update(chromeOf('guide'), { title: 'Guide (chrome)' })
    applyMutation(s.data, { op: 'update', entity: 'group', data: { id: 'tools', name: 'Tooling' } }, NOW)
    await settle(s)
    expect(chromeOutline(s)).toEqual(outline(s.data))
    expect(outline(s.data).slice(1, 5)).toEqual([
      '  Docs/',
      '    Spec (store) https://spec.example.com/',
      '    Guide (chrome) https://guide.example.com/',
      '  Tooling/'
    ])
  })

  it('deletes either way and counts what each side would lose, an archive not among them', async () => {
    const s = side(library())
    await settle(s)
    const chromeOf = (id: string) => s.map.entries.find((e) => e.entityId === id)?.chromeId as string
    await s.tree.removeTree(chromeOf('docs'))
    applyMutation(s.data, { op: 'delete', entity: 'bookmark', data: { id: 'lint' } }, NOW)
    applyMutation(s.data, { op: 'update', entity: 'space', data: { id: 'home', isArchived: true } }, NOW)
    const plan = await run(s)
    expect(plan.deletes).toEqual({ store: 3, chrome: 1 })
    await settle(s)
    expect(outline(s.data)).toEqual(['Work/', '  Tools/'])
    expect(chromeOutline(s)).toEqual(['Work/', '  Tools/'])
    // Unarchived, Home comes back to Chrome; nothing in the store is deleted for having been out of Chrome.
    applyMutation(s.data, { op: 'update', entity: 'space', data: { id: 'home', isArchived: false } }, NOW)
    const back = await run(s)
    expect(back.deletes).toEqual({ store: 0, chrome: 0 })
    await settle(s)
    expect(chromeOutline(s)).toEqual([
      'Work/',
      '  Tools/',
      'Home/',
      '  Food/',
      '    Soup https://soup.example.com/'
    ])
  })

  it('adopts a folder it finds without a map (reinstall, a second profile, a run cut short): nothing made twice', async () => {
    const first = side(library())
    await settle(first)
    // The same library and the same tree, the map lost; a bookmark renamed meanwhile on Chrome's side.
    const second: Side = { ...first, map: { entries: [], orders: {} } }
    const writes = second.tree.writes
    const plan = await run(second)
    expect(plan.store).toEqual([])
    expect(plan.chrome.filter((op) => op.op === 'create')).toEqual([])
    expect(second.tree.writes).toBe(writes)
    expect(second.map.entries.map((e) => e.entityId).sort()).toEqual(
      ['docs', 'food', 'guide', 'home', 'lint', 'soup', 'spec', 'tools', 'work'].sort()
    )
  })

  it('a run stopped part-way (the worker stopped) is finished by the next: nothing deleted, nothing twice', async () => {
    const data = library()
    for (let i = 0; i < 120; i++) {
      const b = bookmark(`many${i}`, data.groups.tools as never, i + 1, { title: `Many ${i}` })
      data.bookmarks[b.id] = b
    }
    const s = side(data)
    s.root = (await s.tree.create({ parentId: '2', title: 'Bookmarks Index' })).id
    const plan = planMirror({
      data,
      root: s.tree.subtree(s.root),
      map: s.map,
      isMarker,
      now: NOW,
      newId: () => 'x'
    })
    // The worker stops right after the first map save (50 nodes made): the map it left is all the next run has.
    let saved: MirrorMap | undefined
    const stop = new Error('stopped')
    await applyToChrome(plan, s.tree, s.root, isMarker, async (map) => {
      saved = structuredClone(map)
      throw stop
    }).catch((error) => expect(error).toBe(stop))
    s.map = saved as MirrorMap
    const next = await run(s)
    expect(next.deletes).toEqual({ store: 0, chrome: 0 })
    await settle(s)
    expect(chromeOutline(s)).toEqual(outline(s.data))
    expect(Object.keys(s.data.bookmarks)).toHaveLength(124)
  })

  it('drops an echo: what this profile made from a Chrome-synced node, when the original arrives from the server', async () => {
    const s = side(library())
    await settle(s)
    // Chrome sync brings a node another profile's mirror made; this profile makes a bookmark of it…
    const docs = s.map.entries.find((e) => e.entityId === 'docs')?.chromeId as string
    await s.tree.create({ parentId: docs, title: 'News', url: 'https://news.example.com/' })
    await settle(s)
    const echo = Object.values(s.data.bookmarks).find((b) => b.url === 'https://news.example.com/')
    expect(echo?.id).toMatch(/^bookmark_chrome-/)
    // …then the server brings the original (made on the other device, in the store there).
    const original = bookmark('news', s.data.groups.docs as never, 'a5', {
      title: 'News',
      url: 'https://news.example.com/',
      createdAt: NOW
    })
    s.data.bookmarks.news = original
    await settle(s)
    const copies = Object.values(s.data.bookmarks).filter((b) => b.url === 'https://news.example.com/')
    expect(copies.map((b) => b.id)).toEqual(['news'])
    expect(chromeOutline(s).filter((l) => l.includes('news.example.com'))).toHaveLength(1)
    expect(s.map.entries.find((e) => e.entityId === 'news')?.chromeId).toBeTruthy()
  })

  it('drops the Chrome-side echo: the node made here for what the server brought, when Chrome sync brings the original', async () => {
    const s = side(library())
    await settle(s)
    const chromeOf = (id: string) => s.map.entries.find((e) => e.entityId === id)?.chromeId as string
    // The server brings a bookmark another profile made from its Chrome; this mirror makes a node of it…
    s.data.bookmarks.phone = bookmark('phone', s.data.groups.docs as never, 'a5', {
      title: 'Phone',
      createdAt: NOW
    })
    await settle(s)
    const made = chromeOf('phone')
    // …and Chrome sync brings the other profile's node, first in the folder (Chrome sync's order is every
    // profile's), and a whole space that this mirror had made too: its folders merge into the first ones.
    await s.tree.create({
      parentId: chromeOf('docs'),
      title: 'Phone',
      url: 'https://phone.example.com/',
      index: 0
    })
    const work = await s.tree.create({ parentId: s.root, title: 'Work', index: 1 })
    const tools = await s.tree.create({ parentId: work.id, title: 'Tools' })
    await s.tree.create({ parentId: tools.id, title: 'Lint', url: 'https://lint.example.com/' })
    await s.tree.create({ parentId: tools.id, title: 'Only there', url: 'https://only.example.com/' })
    const plan = await run(s)
    expect(plan.deletes).toEqual({ store: 0, chrome: 0 })
    await settle(s)
    expect(chromeOutline(s)).toEqual(outline(s.data))
    expect(outline(s.data).filter((l) => /phone|lint/.test(l))).toHaveLength(2)
    expect(outline(s.data).filter((l) => l === 'Work/' || l === '  Tools/')).toHaveLength(2)
    expect(outline(s.data)).toContain('    Only there https://only.example.com/')
    expect(chromeOf('phone')).not.toBe(made)
    expect(chromeOf('work')).toBe(work.id)
  })

  it('“Keep them” brings back on each side what it lost instead of deleting it on the other', async () => {
    const s = side(library())
    await settle(s)
    const chromeOf = (id: string) => s.map.entries.find((e) => e.entityId === id)?.chromeId as string
    await s.tree.removeTree(chromeOf('work'))
    applyMutation(s.data, { op: 'delete', entity: 'group', data: { id: 'food' } }, NOW)
    const before = planMirror({
      data: s.data,
      root: s.tree.subtree(s.root),
      map: s.map,
      isMarker,
      now: NOW,
      newId: () => 'x'
    })
    expect(before.deletes).toEqual({ store: 6, chrome: 2 })
    s.map = keepBothSides(s.map, s.data, s.tree.subtree(s.root))
    const kept = await run(s)
    expect(kept.deletes).toEqual({ store: 0, chrome: 0 })
    await settle(s)
    expect(chromeOutline(s)).toEqual(outline(s.data))
    expect(outline(s.data)).toEqual([
      'Work/',
      '  Docs/',
      '    Spec https://spec.example.com/',
      '    Guide https://guide.example.com/',
      '  Tools/',
      '    Lint https://lint.example.com/',
      'Home/',
      '  Food/',
      '    Soup https://soup.example.com/'
    ])
  })

  it('takes two folders made at once in Chrome with one name (“New folder”) for two, not for an echo', async () => {
    const s = side(library())
    await settle(s)
    await s.tree.create({ parentId: s.root, title: 'New folder' })
    await s.tree.create({ parentId: s.root, title: 'New folder' })
    await settle(s)
    expect(outline(s.data).filter((l) => l === 'New folder/')).toHaveLength(2)
    expect(chromeOutline(s)).toEqual(outline(s.data))
  })

  it('a Chrome folder deleted with everything in it is counted as the whole of it', async () => {
    const s = side(library())
    await settle(s)
    const plan = planMirror({
      data: s.data,
      root: undefined,
      map: s.map,
      isMarker,
      now: NOW,
      newId: (kind) => `${kind}_x`
    })
    expect(plan.deletes).toEqual({ store: 9, chrome: 0 })
  })
})
