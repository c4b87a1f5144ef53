// The mirror's plan: what to change on each side so that the store's library and Chrome's mirror folder agree,
// from the two as they are now and the map of ids with the values both last agreed on. Pure: no chrome.*, no
// IndexedDB, so that it is unit-tested and so that a run is the same whatever happened before it.
//
// State-based, not event-based: a run compares the whole of both sides with the map (a three-way merge per
// field, per parent and per list order), so a run cut short by a worker stop is finished by the next one, and
// events lost while the worker slept change nothing. What the map does not know yet is matched before anything
// is created: a folder by its name under the same parent, a bookmark by its address in the same group, so a
// second run, a reinstall (the map lost) or a second profile (the map never had it) adopts instead of duplicating.
// Two profiles of one account with Chrome sync on get every change twice (server, Chrome sync); when the two
// copies arrive in the order matching cannot pair, an echo rule drops one, chosen from what both profiles see
// alike (the `_chrome-` mark and the id in the store, the folder's order in Chrome), so both drop the same one.
// Conflicts: the side that changed a value since the map's wins; both: the store. See README, "Mirror to Chrome
// bookmarks".
import { createDefaults } from '../../../../model/defaults'
import { LIMITS } from '../../../../model/limits'
import { byPosition } from '../../../../model/rules'
import { fitText } from '../../../../model/text'
import { titleFromUrl, urlProblem } from '../../../../model/url'
import type { Bookmark, DataState, Group, MutationInput, Space } from '../../store/types'
import { keysForOrder, mergeOrder } from './order'

export type Kind = 'space' | 'group' | 'bookmark'

/** A node of Chrome's tree as chrome.bookmarks.getSubTree gives it. */
export type ChromeNode = {
  id: string
  parentId?: string
  index?: number
  title: string
  url?: string
  /** Milliseconds since 1970; Chrome sync carries it, so every profile sees the same. */
  dateAdded?: number
  children?: ChromeNode[]
}

/** One mirrored item: its ids on both sides and the values both sides last agreed on. */
export type MirrorEntry = {
  entityId: string
  /** Empty while the Chrome node is still to be made (a plan's own entries). */
  chromeId: string
  kind: Kind
  title: string
  url?: string
  /** The parent's entity id; '' for a space (the mirror folder itself). */
  parent: string
}

/** What is persisted between runs: the entries and each list's last agreed order, by its parent's entity id. */
export type MirrorMap = { entries: MirrorEntry[]; orders: Record<string, string[]> }

export type ChromeOp =
  | { op: 'remove'; chromeId: string; folder: boolean }
  /** A duplicate folder's content moved into the one kept, then the duplicate (empty by then) removed. */
  | { op: 'merge'; from: string; into: string }
  /** `parent`: the entity whose folder it goes in ('' the mirror folder); made top-down, parents first. */
  | { op: 'create'; entityId: string; parent: string; title: string; url?: string }
  | { op: 'update'; chromeId: string; title: string; url?: string }

/** A list to give Chrome: the folder of `parent` ('' the mirror folder) holds these entities' nodes in order. */
export type ChromeOrder = { parent: string; ids: string[] }

export type MirrorPlan = {
  store: MutationInput[]
  chrome: ChromeOp[]
  orders: ChromeOrder[]
  map: MirrorMap
  /** Items each side would lose (descendants counted), not counting archives or echoes: the mass-delete guard. */
  deletes: { store: number; chrome: number }
  /** Chrome nodes in the mirror folder that have no place in the store (a bookmark outside any group, a folder
   * inside a group, an address the store refuses): left as they are. */
  skipped: number
}

export type PlanInput = {
  data: DataState
  /** The mirror folder with its subtree; undefined when there is none (yet, or it was deleted). */
  root: ChromeNode | undefined
  map: MirrorMap
  /** The folder's marker bookmark, which is not mirrored. */
  isMarker: (node: ChromeNode) => boolean
  now: string
  /** New entity ids (tests pass a counter). */
  newId: (kind: Kind) => string
}

/** Ids of the entities the mirror makes from Chrome nodes: recognisable, so an echo (below) can be told. */
export const MIRROR_ID_MARK = 'chrome-'
/** How long an entity the mirror made may still turn out to be an echo of one made elsewhere. */
const ECHO_WINDOW_MS = 10 * 60_000

const childKind = (kind: Kind | 'root'): Kind | undefined =>
  kind === 'root' ? 'space' : kind === 'space' ? 'group' : kind === 'group' ? 'bookmark' : undefined

/** URLs compared as Chrome stores them (it canonicalises: `https://a.example` becomes `https://a.example/`). */
export function canonicalUrl(url: string): string {
  try {
    return new URL(url).href
  } catch {
    return url
  }
}

type Entity = Space | Group | Bookmark
type Values = { title: string; url?: string }

const parentOf = (kind: Kind, e: Entity): string =>
  kind === 'space' ? '' : kind === 'group' ? (e as Group).spaceId : (e as Bookmark).groupId
const valuesOf = (kind: Kind, e: Entity): Values =>
  kind === 'bookmark'
    ? { title: (e as Bookmark).title, url: canonicalUrl((e as Bookmark).url) }
    : { title: (e as Space | Group).name }
/** What a Chrome node says, in the store's terms (limits applied, a blank title made from the address). */
function chromeValues(kind: Kind, node: ChromeNode): Values {
  if (kind !== 'bookmark') return { title: fitText(node.title, LIMITS.name) || 'Untitled' }
  const url = canonicalUrl(node.url ?? '')
  return { title: fitText(node.title, LIMITS.title) || fitText(titleFromUrl(url), LIMITS.title) || url, url }
}
/** The key two unmapped items are matched by: a folder's name, a bookmark's address. */
const keyOf = (v: Values) => v.url ?? v.title

type Located = { node: ChromeNode; kind: Kind; parentChrome: string }

export function planMirror(input: PlanInput): MirrorPlan {
  const { data, map } = input
  const tables: Record<Kind, Record<string, Entity>> = {
    space: data.spaces,
    group: data.groups,
    bookmark: data.bookmarks
  }
  const entity = (kind: Kind, id: string): Entity | undefined => tables[kind][id]
  /** What the mirror shows: live, not archived, and under a visible parent. */
  const visible = (kind: Kind, id: string): boolean => {
    const e = entity(kind, id)
    if (!e || e.isArchived) return false
    if (kind === 'space') return true
    return visible(kind === 'group' ? 'space' : 'group', parentOf(kind, e))
  }

  // Chrome's side, by id: what each node stands for by its depth in the mirror folder.
  const located = new Map<string, Located>()
  const childrenOf = new Map<string, ChromeNode[]>()
  let skipped = 0
  const walk = (folder: ChromeNode, folderKey: string, kind: Kind | 'root') => {
    const list: ChromeNode[] = []
    for (const node of folder.children ?? []) {
      if (kind === 'root' && input.isMarker(node)) continue
      const k = childKind(kind)
      const isFolder = node.url === undefined
      if (!k || isFolder !== (k !== 'bookmark') || (k === 'bookmark' && urlProblem(node.url ?? ''))) {
        skipped += isFolder ? countNodes(node) : 1
        continue
      }
      located.set(node.id, { node, kind: k, parentChrome: folderKey })
      list.push(node)
      if (isFolder) walk(node, node.id, k)
    }
    childrenOf.set(folderKey, list)
  }
  if (input.root) walk(input.root, '', 'root')

  const store: MutationInput[] = []
  const creates: MutationInput[] = []
  const deletes: MutationInput[] = []
  const chrome: ChromeOp[] = []
  const removes: ChromeOp[] = []
  const counts = { store: 0, chrome: 0 }

  /** entity id → chrome id, for every pair alive after this plan ('' for a node still to be made). */
  const pairs = new Map<string, string>()
  const entityOfChrome = new Map<string, string>()
  const kindOf = new Map<string, Kind>()
  const base = new Map<string, MirrorEntry>()
  const pair = (entityId: string, chromeId: string, kind: Kind) => {
    pairs.set(entityId, chromeId)
    if (chromeId) entityOfChrome.set(chromeId, entityId)
    kindOf.set(entityId, kind)
  }
  const unpair = (entityId: string) => {
    const chromeId = pairs.get(entityId)
    if (chromeId) entityOfChrome.delete(chromeId)
    pairs.delete(entityId)
  }
  /** Entities this plan deletes from the store, and Chrome nodes it removes (with their subtrees). */
  const goneInStore = new Set<string>()
  const goneInChrome = new Set<string>()
  const chromeGone = (chromeId: string): boolean => {
    for (let at: string | undefined = chromeId; at; at = located.get(at)?.parentChrome)
      if (goneInChrome.has(at)) return true
    return false
  }
  const storeGone = (kind: Kind, id: string): boolean => {
    if (goneInStore.has(id)) return true
    const e = entity(kind, id)
    if (!e || kind === 'space') return false
    return storeGone(kind === 'group' ? 'space' : 'group', parentOf(kind, e))
  }
  /** The entity and its stored descendants (archived too: a delete takes them all). */
  const subtreeSize = (kind: Kind, id: string): number => {
    if (kind === 'bookmark') return 1
    const field = kind === 'space' ? 'spaceId' : 'groupId'
    let n = 1
    if (kind === 'space') for (const g of Object.values(data.groups)) if (g.spaceId === id) n++
    for (const b of Object.values(data.bookmarks)) if (b[field] === id) n++
    return n
  }

  // 1. What the map knows: still on both sides, gone from one, or hidden in the store (archived).
  const order: Kind[] = ['space', 'group', 'bookmark']
  const entries = [...map.entries].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
  for (const entry of entries) {
    // An entry whose node was still to be made when a run stopped: its item is matched or made anew below.
    if (!entry.chromeId) continue
    const here = located.get(entry.chromeId)
    const inChrome = !!entry.chromeId && here?.kind === entry.kind && !entityOfChrome.has(entry.chromeId)
    const exists = !!entity(entry.kind, entry.entityId)
    const shown = visible(entry.kind, entry.entityId)
    if (inChrome && chromeGone(entry.chromeId)) continue
    if (inChrome && shown) {
      pair(entry.entityId, entry.chromeId, entry.kind)
      base.set(entry.entityId, entry)
    } else if (inChrome) {
      // Deleted in the store: deleted in Chrome. Archived: taken out of Chrome, back when unarchived.
      goneInChrome.add(entry.chromeId)
      removes.push({ op: 'remove', chromeId: entry.chromeId, folder: entry.kind !== 'bookmark' })
      if (!exists) counts.chrome += countNodes(here.node)
    } else if (shown && !storeGone(entry.kind, entry.entityId)) {
      goneInStore.add(entry.entityId)
      deletes.push({ op: 'delete', entity: entry.kind, data: { id: entry.entityId } })
      counts.store += subtreeSize(entry.kind, entry.entityId)
    }
  }

  // 2. Top-down, list by list: echoes dropped, the unmapped matched, the rest made on the side that lacks them.
  // Each list read from an index by parent, not from the whole table: a library of 50,000 has thousands of lists.
  const byParent = new Map<string, Entity[]>()
  for (const kind of ['space', 'group', 'bookmark'] as const)
    for (const e of Object.values(tables[kind])) {
      const key = `${kind}:${parentOf(kind, e)}`
      const list = byParent.get(key)
      if (list) list.push(e)
      else byParent.set(key, [e])
    }
  const storeChildren = (kind: Kind, parent: string): Entity[] =>
    (byParent.get(`${kind}:${parent}`) ?? [])
      .filter((e) => visible(kind, e.id) && !storeGone(kind, e.id))
      .sort(byPosition)
  const madeInStore = new Map<string, MutationInput>()
  const newFromChrome = new Set<string>()
  const fromChrome = new Map<string, Values>()
  const storeValues = (kind: Kind, id: string): Values => {
    const e = entity(kind, id)
    return e ? valuesOf(kind, e) : (fromChrome.get(id) as Values)
  }
  const recentMirrorMade = (e: Entity) =>
    e.id.includes(`_${MIRROR_ID_MARK}`) &&
    Date.parse(input.now) - Date.parse(e.createdAt) < ECHO_WINDOW_MS &&
    !newFromChrome.has(e.id)

  const visited = new Set<string>()
  const visit = (parent: string, parentKind: Kind | 'root', folderChrome: string | undefined) => {
    const kind = childKind(parentKind)
    // A group moved on one side is reached from both of its spaces; its list is planned once.
    if (!kind || visited.has(parent)) return
    visited.add(parent)
    const inStore = storeChildren(kind, parent)
    const inChrome = (folderChrome === undefined ? [] : (childrenOf.get(folderChrome) ?? [])).filter(
      (n) => !chromeGone(n.id)
    )
    // An echo: the same item reached this profile twice, once through Chrome sync (the mirror here made it
    // from Chrome's node) and once through the server. The store then has more of it than Chrome: the copies
    // the mirror made lately go, highest id first, on every device alike.
    const storeByKey = groupBy(inStore, (e) => keyOf(valuesOf(kind, e)))
    const chromeByKey = groupBy(inChrome, (n) => keyOf(chromeValues(kind, n)))
    for (const [key, list] of storeByKey) {
      let excess = list.length - (chromeByKey.get(key)?.length ?? 0)
      const echoes = list
        .filter(recentMirrorMade)
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, Math.max(0, excess))
      for (const echo of echoes) {
        if (excess-- <= 0) break
        forgetSubtree(kind, echo.id)
        goneInStore.add(echo.id)
        deletes.push({ op: 'delete', entity: kind, data: { id: echo.id } })
      }
    }
    // The same echo on Chrome's side: this profile's mirror made a node for what the server brought, and Chrome
    // sync brought the node another profile's mirror made of it. Chrome then has more of it than the store: the
    // first copy in the folder's order is kept and the others go (Chrome sync gives every profile one order, so
    // each keeps the same node and removes the same others); a folder's content moves into the folder kept.
    // Only copies added lately go, so duplicates a person keeps in Chrome stay.
    const storeCount = groupBy(storeChildren(kind, parent), (e) => keyOf(valuesOf(kind, e)))
    for (const [key, list] of groupBy(inChrome, (n) => keyOf(chromeValues(kind, n)))) {
      // Only where the store has the item: nodes new on Chrome's side alone (two "New folder"s) are no echo.
      const keep = storeCount.get(key)?.length ?? 0
      if (keep === 0 || list.length <= keep) continue
      const into = list[0] as ChromeNode
      for (const extra of list.slice(keep)) {
        if (Date.parse(input.now) - (extra.dateAdded ?? 0) >= ECHO_WINDOW_MS) continue
        // Its item (if it had one) is matched again, with the copy kept; a folder's content keeps its pairs.
        const owner = entityOfChrome.get(extra.id)
        if (owner) unpair(owner)
        goneInChrome.add(extra.id)
        inChrome.splice(inChrome.indexOf(extra), 1)
        if (kind === 'bookmark') {
          removes.push({ op: 'remove', chromeId: extra.id, folder: false })
          continue
        }
        removes.push({ op: 'merge', from: extra.id, into: into.id })
        const moved = childrenOf.get(extra.id) ?? []
        for (const child of moved) (located.get(child.id) as Located).parentChrome = into.id
        childrenOf.set(into.id, [...(childrenOf.get(into.id) ?? []), ...moved])
        childrenOf.set(extra.id, [])
      }
    }
    const storeLeft = inStore.filter((e) => !goneInStore.has(e.id) && !pairs.has(e.id))
    for (const node of inChrome) {
      if (entityOfChrome.has(node.id)) continue
      const values = chromeValues(kind, node)
      const match = storeLeft.findIndex((e) => keyOf(valuesOf(kind, e)) === keyOf(values))
      if (match >= 0) {
        const [e] = storeLeft.splice(match, 1) as [Entity]
        pair(e.id, node.id, kind)
        // Matched with other values: the store's win, as in a conflict.
        base.set(e.id, { entityId: e.id, chromeId: node.id, kind, ...values, parent })
        continue
      }
      const id = input.newId(kind)
      newFromChrome.add(id)
      fromChrome.set(id, values)
      pair(id, node.id, kind)
      const created = createEntity(kind, id, parent, values, input.now, (spaceOfGroup) =>
        spaceOfGroup in data.groups
          ? (data.groups[spaceOfGroup] as Group).spaceId
          : (madeInStore.get(spaceOfGroup)?.data as Group | undefined)?.spaceId
      )
      madeInStore.set(id, created)
      creates.push(created)
      base.set(id, { entityId: id, chromeId: node.id, kind, ...values, parent })
    }
    for (const e of storeLeft) {
      pair(e.id, '', kind)
      const values = valuesOf(kind, e)
      chrome.push({ op: 'create', entityId: e.id, parent, ...values })
      base.set(e.id, { entityId: e.id, chromeId: '', kind, ...values, parent })
    }
    // Down a level: every item of this list on either side, with its folder on Chrome's side if it has one.
    const next = new Set<string>()
    for (const e of inStore) if (!goneInStore.has(e.id)) next.add(e.id)
    for (const n of inChrome) {
      const id = entityOfChrome.get(n.id)
      if (id) next.add(id)
    }
    for (const id of next) {
      const chromeId = pairs.get(id)
      visit(id, kind, chromeId || undefined)
    }
  }
  /** An echo's pairs go with it, its subtree's too, so that its nodes are matched again with the originals. */
  const forgetSubtree = (kind: Kind, id: string) => {
    unpair(id)
    const childK = childKind(kind)
    if (!childK) return
    for (const child of Object.values(tables[childK]))
      if (parentOf(childK, child) === id) forgetSubtree(childK, child.id)
  }
  visit('', 'root', input.root ? '' : undefined)

  // 3. Fields and parents of the pairs: a side that changed a value since the map's wins; both: the store.
  const updates: MutationInput[] = []
  const finalParent = new Map<string, string>()
  const finalValues = new Map<string, Values>()
  const chromeParentOf = (chromeId: string): string | undefined => {
    const at = located.get(chromeId)
    if (!at) return undefined
    return at.parentChrome === '' ? '' : entityOfChrome.get(at.parentChrome)
  }
  for (const [id, chromeId] of pairs) {
    const kind = kindOf.get(id) as Kind
    const mine = storeValues(kind, id)
    const was = base.get(id) as MirrorEntry
    const e = entity(kind, id)
    const storeParent = e ? parentOf(kind, e) : was.parent
    if (!chromeId) {
      finalValues.set(id, mine)
      finalParent.set(id, storeParent)
      continue
    }
    const theirs = chromeValues(kind, (located.get(chromeId) as Located).node)
    const pick = (field: 'title' | 'url') => {
      const s = mine[field]
      const c = theirs[field]
      return s !== was[field] || c === was[field] ? s : c
    }
    const title = pick('title') as string
    const next: Values = kind === 'bookmark' ? { title, url: pick('url') } : { title }
    finalValues.set(id, next)
    if (e && (next.title !== mine.title || next.url !== mine.url))
      updates.push(
        kind === 'bookmark'
          ? { op: 'update', entity: 'bookmark', data: { id, title: next.title, url: next.url } }
          : { op: 'update', entity: kind, data: { id, name: next.title } }
      )
    if (next.title !== theirs.title || next.url !== theirs.url)
      chrome.push({ op: 'update', chromeId, ...next })
    const cParent = chromeParentOf(chromeId) ?? storeParent
    finalParent.set(id, storeParent !== was.parent || cParent === was.parent ? storeParent : cParent)
  }

  // 4. Every list's order: merged, then given to the store as keys and to Chrome as indexes.
  const moves: MutationInput[] = []
  const orders: ChromeOrder[] = []
  const nextOrders: Record<string, string[]> = {}
  const members = new Map<string, string[]>()
  for (const [id, parent] of finalParent) {
    const list = members.get(parent) ?? []
    list.push(id)
    members.set(parent, list)
  }
  for (const [parent, ids] of members) {
    const kind = kindOf.get(ids[0] as string) as Kind
    const inList = new Set(ids)
    const existing = (byParent.get(`${kind}:${parent}`) ?? [])
      .filter((e) => inList.has(e.id))
      .sort(byPosition)
    // The list's folder on Chrome's side; none while it is still to be made.
    const folder = parent === '' ? (input.root ? '' : undefined) : pairs.get(parent) || undefined
    const chromeSeq = (folder === undefined ? [] : (childrenOf.get(folder) ?? []))
      .map((n) => entityOfChrome.get(n.id))
      .filter((id): id is string => !!id && inList.has(id))
    const { order: merged } = mergeOrder(
      existing.map((e) => e.id),
      chromeSeq,
      map.orders[parent] ?? []
    )
    nextOrders[parent] = merged
    orders.push({ parent, ids: merged })
    const keys = keysForOrder(existing, merged)
    for (const id of merged) {
      const made = madeInStore.get(id)
      const key = keys.get(id)
      if (made) {
        ;(made.data as Entity).position = key as string
        continue
      }
      const e = entity(kind, id) as Entity
      const moved = parentOf(kind, e) !== parent
      if (!key && !moved) continue
      const position = key ?? e.position
      moves.push(
        kind === 'space'
          ? { op: 'move', entity: 'space', data: { id, position } }
          : kind === 'group'
            ? { op: 'move', entity: 'group', data: { id, spaceId: parent, position } }
            : { op: 'move', entity: 'bookmark', data: { id, groupId: parent, position } }
      )
    }
  }

  const nextEntries: MirrorEntry[] = []
  for (const [id, chromeId] of pairs) {
    nextEntries.push({
      entityId: id,
      chromeId,
      kind: kindOf.get(id) as Kind,
      ...(finalValues.get(id) as Values),
      parent: finalParent.get(id) as string
    })
  }
  // Creates first (parents before children), then edits and moves, then deletes, so that a bookmark moved out
  // of a group that goes is moved before the group's delete would take it.
  store.push(...creates, ...updates, ...moves, ...deletes)
  return {
    store,
    chrome: [...removes, ...chrome],
    orders: orders.sort((a, b) => depth(a.parent, kindOf) - depth(b.parent, kindOf)),
    map: { entries: nextEntries, orders: nextOrders },
    deletes: counts,
    skipped
  }
}

const depth = (parent: string, kinds: Map<string, Kind>) =>
  parent === '' ? 0 : kinds.get(parent) === 'space' ? 1 : 2

function countNodes(node: ChromeNode): number {
  return 1 + (node.children ?? []).reduce((n, child) => n + countNodes(child), 0)
}

function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of list) {
    const k = key(item)
    const bucket = out.get(k)
    if (bucket) bucket.push(item)
    else out.set(k, [item])
  }
  return out
}

function createEntity(
  kind: Kind,
  id: string,
  parent: string,
  values: Values,
  at: string,
  spaceOf: (groupId: string) => string | undefined
): MutationInput {
  const placed = { position: '', isArchived: false, createdAt: at, updatedAt: at }
  if (kind === 'space')
    return {
      op: 'create',
      entity: 'space',
      data: { id, name: values.title, ...createDefaults.space, ...placed }
    }
  if (kind === 'group')
    return {
      op: 'create',
      entity: 'group',
      data: { id, spaceId: parent, name: values.title, ...createDefaults.group, ...placed }
    }
  return {
    op: 'create',
    entity: 'bookmark',
    data: {
      id,
      spaceId: spaceOf(parent) as string,
      groupId: parent,
      title: values.title,
      url: values.url as string,
      ...createDefaults.bookmark,
      tags: [],
      ...placed
    }
  }
}

/**
 * The map without the pairs one side has lost: the guard's "Keep them". Planned with it, what was deleted on one
 * side is made again there from the other (matched first, as always) instead of being deleted on the other.
 */
export function keepBothSides(map: MirrorMap, data: DataState, root: ChromeNode | undefined): MirrorMap {
  const present = new Set<string>()
  const walk = (node: ChromeNode) => {
    present.add(node.id)
    for (const child of node.children ?? []) walk(child)
  }
  if (root) walk(root)
  const tables = { space: data.spaces, group: data.groups, bookmark: data.bookmarks }
  return {
    entries: map.entries.filter((e) => present.has(e.chromeId) && e.entityId in tables[e.kind]),
    orders: map.orders
  }
}
