// Carries out a plan's Chrome side on a bookmark tree (chrome.bookmarks in the worker): removes, creates (each
// new node's id recorded in the map as soon as it exists), edits, then every list put in order by index.
import { type ChromeNode, canonicalUrl, type MirrorMap, type MirrorPlan } from './plan'

/** The part of chrome.bookmarks the mirror writes with. */
export type BookmarkTree = {
  create(node: { parentId: string; title: string; url?: string; index?: number }): Promise<ChromeNode>
  update(id: string, changes: { title: string; url?: string }): Promise<unknown>
  /** No index: at the end. */
  move(id: string, destination: { parentId: string; index?: number }): Promise<unknown>
  remove(id: string): Promise<unknown>
  removeTree(id: string): Promise<unknown>
  getChildren(id: string): Promise<ChromeNode[]>
}

/** How many creates go between two saves of the map: a worker stopped mid-run loses at most these (and the next
 * run matches them by name and address instead of making them again). */
const SAVE_EVERY = 50

/** A node removed meanwhile (by the person, or Chrome sync) is no error: the next run sees the tree as it is. */
const gone = (error: unknown) => /Can't find|not found|Can't modify/i.test(String(error))

export async function applyToChrome(
  plan: MirrorPlan,
  tree: BookmarkTree,
  rootId: string,
  isMarker: (node: ChromeNode) => boolean,
  save: (map: MirrorMap) => Promise<void>
): Promise<MirrorMap> {
  const map: MirrorMap = { entries: plan.map.entries.map((e) => ({ ...e })), orders: plan.map.orders }
  const byEntity = new Map(map.entries.map((e) => [e.entityId, e]))
  const folderOf = (parent: string) => (parent === '' ? rootId : byEntity.get(parent)?.chromeId || undefined)
  // Saved as made: an entry whose node is not made yet is no pair (the next run would take it for a deletion).
  const made = () => ({ entries: map.entries.filter((e) => e.chromeId), orders: map.orders })
  const tolerate = async (write: () => Promise<unknown>) => {
    try {
      await write()
    } catch (error) {
      if (!gone(error)) throw error
    }
  }

  for (const op of plan.chrome) {
    if (op.op !== 'merge') continue
    for (const child of await tree.getChildren(op.from).catch(() => []))
      await tolerate(() => tree.move(child.id, { parentId: op.into }))
    await tolerate(() => tree.remove(op.from))
  }
  for (const op of plan.chrome) {
    if (op.op !== 'remove') continue
    await tolerate(() => (op.folder ? tree.removeTree(op.chromeId) : tree.remove(op.chromeId)))
  }
  let creates = 0
  for (const op of plan.chrome) {
    if (op.op !== 'create') continue
    const entry = byEntity.get(op.entityId)
    const parentId = folderOf(op.parent)
    if (!entry || !parentId) continue
    const node = await tree.create({ parentId, title: op.title, ...(op.url ? { url: op.url } : {}) })
    entry.chromeId = node.id
    if (node.url !== undefined) entry.url = canonicalUrl(node.url)
    if (++creates % SAVE_EVERY === 0) await save(made())
  }
  if (creates > 0) await save(made())
  for (const op of plan.chrome) {
    if (op.op !== 'update') continue
    await tolerate(() => tree.update(op.chromeId, { title: op.title, ...(op.url ? { url: op.url } : {}) }))
  }
  for (const list of plan.orders) {
    const folder = folderOf(list.parent)
    if (!folder) continue
    const children = await tree.getChildren(folder)
    const current = children.map((n) => n.id)
    let offset = 0
    if (list.parent === '') {
      // The marker stays first in the mirror folder: the one way to open the new tab from Chrome's bookmarks.
      const marker = children.find(isMarker)
      if (marker) {
        if (current[0] !== marker.id) {
          await tree.move(marker.id, { parentId: folder, index: 0 })
          current.splice(current.indexOf(marker.id), 1)
          current.unshift(marker.id)
        }
        offset = 1
      }
    }
    for (const [i, id] of list.ids.entries()) {
      const want = byEntity.get(id)?.chromeId
      if (!want || current[i + offset] === want) continue
      // Every node before index i + offset is in place, so `want` moves towards the start (or in from another
      // folder): Chrome's index then means the same before and after the move.
      await tolerate(() => tree.move(want, { parentId: folder, index: i + offset }))
      const at = current.indexOf(want)
      if (at >= 0) current.splice(at, 1)
      current.splice(i + offset, 0, want)
    }
  }
  await save(made())
  return made()
}
