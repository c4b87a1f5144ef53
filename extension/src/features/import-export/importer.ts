// Turns imported folders into spaces, groups and bookmarks, skipping links already present (by normalised
// URL) and writing in chunks so that the progress bar moves and the page stays responsive.

import { LIMITS } from '../../../../model/limits'
import { cleanTags } from '../../../../model/tags'
import { cutText, storableText } from '../../../../model/text'
import { checkUrl, normalizeUrl, titleFromUrl } from '../../../../model/url'
import { newBookmark } from '../../store/actions'
import type { DataStore } from '../../store/data-store'
import { newId, now } from '../../store/ids'
import { nextOrder } from '../../store/selectors'
import type { Group, MutationInput, Space } from '../../store/types'
import type { ImportFolder } from './folders'

export type ImportTarget =
  | { kind: 'existing'; spaceId: string }
  | { kind: 'new'; name: string }
  /** Each top-level folder becomes a space, the folders below it its groups (the shape our export writes). */
  | { kind: 'per-folder' }

/** A link the import left out, and why, as the summary lists it. */
export type SkippedLink = { title: string; url: string; reason: string }

export type ImportResult = {
  added: number
  duplicates: number
  invalid: number
  /** The invalid ones (bookmarklets, empty or unusable addresses), each with its reason. */
  skipped: SkippedLink[]
  groups: number
  spaces: number
}

/** Why a link cannot be a bookmark, in the person's words. */
function skipReason(url: string, problem: string): string {
  const text = url.trim()
  if (!text) return 'It has no address'
  if (/^javascript:/i.test(text)) return 'A bookmarklet (javascript:) runs code, which bookmarks here cannot'
  if (/^(place|data):/i.test(text)) return `${text.split(':')[0]}: addresses are not supported`
  return problem
}

const CHUNK = 400

/** Text from a file, made storable and cut to the API's limit at a character boundary. */
const clean = (text: string, max: number) => cutText(storableText(text).trim(), max).trim()

export async function importFolders(
  store: DataStore,
  folders: ImportFolder[],
  target: ImportTarget,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<ImportResult> {
  const state = store.state
  const result: ImportResult = { added: 0, duplicates: 0, invalid: 0, skipped: [], groups: 0, spaces: 0 }
  const seen = new Set(Object.values(state.bookmarks).map((b) => normalizeUrl(b.url)))
  const at = now()
  const spaces = new Map<string, Space>()
  const groups = new Map<string, Group>()
  const creates: MutationInput[] = []
  const bookmarks: MutationInput[] = []
  let spaceOrder = nextOrder(Object.values(state.spaces))

  const makeSpace = (name: string): Space => {
    const existing = [...spaces.values()].find((s) => s.name === name)
    if (existing) return existing
    const space: Space = {
      id: newId('space'),
      name: clean(name, LIMITS.name) || 'Imported',
      icon: '📁',
      color: null,
      order: spaceOrder++,
      isArchived: false,
      createdAt: at,
      updatedAt: at
    }
    spaces.set(space.id, space)
    creates.push({ op: 'create', entity: 'space', data: space })
    result.spaces++
    return space
  }

  const fixedSpace =
    target.kind === 'existing'
      ? state.spaces[target.spaceId]
      : target.kind === 'new'
        ? makeSpace(target.name)
        : undefined
  if (target.kind === 'existing' && !fixedSpace) throw new Error('The chosen space no longer exists')

  const groupFor = (folder: ImportFolder): Group => {
    const space = fixedSpace ?? makeSpace(folder.path[0] ?? 'Imported')
    const rest = fixedSpace ? folder.path : folder.path.slice(1)
    const path = rest
      .map((part) => part.trim())
      .filter(Boolean)
      .join(' / ')
    const name = clean(path, LIMITS.name) || (fixedSpace ? 'Imported' : 'General')
    const key = `${space.id}\n${name}`
    const known = groups.get(key)
    if (known) return known
    const existing = Object.values(state.groups).find(
      (g) => g.spaceId === space.id && g.name === name && !g.isArchived
    )
    if (existing) {
      groups.set(key, existing)
      return existing
    }
    const siblings = [...Object.values(state.groups), ...groups.values()].filter(
      (g) => g.spaceId === space.id
    )
    const group: Group = {
      id: newId('group'),
      spaceId: space.id,
      name,
      icon: null,
      order: nextOrder(siblings),
      isArchived: false,
      createdAt: at,
      updatedAt: at
    }
    groups.set(key, group)
    creates.push({ op: 'create', entity: 'group', data: group })
    result.groups++
    return group
  }

  const orders = new Map<string, number>()
  for (const folder of folders) {
    for (const link of folder.links) {
      const checked = checkUrl(link.url)
      if (!checked.ok) {
        result.invalid++
        result.skipped.push({ title: link.title, url: link.url, reason: skipReason(link.url, checked.error) })
        continue
      }
      const key = normalizeUrl(checked.url)
      if (seen.has(key)) {
        result.duplicates++
        continue
      }
      seen.add(key)
      const group = groupFor(folder)
      const order =
        orders.get(group.id) ??
        nextOrder(Object.values(state.bookmarks).filter((b) => b.groupId === group.id))
      orders.set(group.id, order + 1)
      const bookmark = newBookmark(
        state,
        group,
        {
          title: clean(link.title, LIMITS.title) || titleFromUrl(checked.url),
          url: checked.url,
          description: clean(link.description ?? '', LIMITS.description) || null,
          tags: cleanTags(link.tags ?? [])
        },
        order
      )
      if (link.addedAt) bookmark.createdAt = link.addedAt
      bookmarks.push({ op: 'create', entity: 'bookmark', data: bookmark })
    }
  }

  const total = bookmarks.length
  onProgress(0, total)
  await store.mutate(creates)
  for (let i = 0; i < total; i += CHUNK) {
    await store.mutate(bookmarks.slice(i, i + CHUNK))
    result.added = Math.min(total, i + CHUNK)
    onProgress(result.added, total)
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return result
}
