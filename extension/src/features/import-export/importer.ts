// Turns imported folders into spaces, groups and bookmarks: first a plan the person can preview (what goes
// where, what is skipped and why), then the writes, in chunks so that the progress bar moves.

import { LIMITS } from '../../../../model/limits'
import { byPosition } from '../../../../model/rules'
import { cleanTags } from '../../../../model/tags'
import { fitText } from '../../../../model/text'
import { checkUrl, normalizeUrl, titleFromUrl } from '../../../../model/url'
import { newBookmark } from '../../store/actions'
import type { DataStore } from '../../store/data-store'
import { newId, now } from '../../store/ids'
import { positionAfter } from '../../store/selectors'
import type { DataState, Group, MutationInput, Space } from '../../store/types'
import type { ImportFolder } from './folders'

export type ImportTarget =
  /** Each of the person's top-level folders becomes a space, the folders inside it its groups. */
  | { kind: 'per-folder' }
  /** Each of the browser's own folders (Bookmarks bar, Other bookmarks…) becomes a space. */
  | { kind: 'per-wrapper' }
  | { kind: 'new'; name: string }
  | { kind: 'existing'; spaceId: string }

/** A link the import left out, and why, as the summary lists it. */
export type SkippedLink = { title: string; url: string; reason: string }

/** One space as the import fills it: new or already here, with the groups that receive bookmarks. */
export type PlannedSpace = {
  id: string
  name: string
  isNew: boolean
  groups: { id: string; name: string; isNew: boolean; bookmarks: number }[]
}

export type ImportResult = {
  added: number
  duplicates: number
  invalid: number
  /** The invalid ones (bookmarklets, empty or unusable addresses), each with its reason. */
  skipped: SkippedLink[]
  groups: number
  spaces: number
  /** Where the bookmarks go, in the order the source has them: the preview, then the summary's links. */
  places: PlannedSpace[]
}

export type ImportPlan = { result: ImportResult; creates: MutationInput[]; bookmarks: MutationInput[] }

/** Why a link cannot be a bookmark, in the person's words. */
function skipReason(url: string, problem: string): string {
  const text = url.trim()
  if (!text) return 'It has no address'
  if (/^javascript:/i.test(text)) return 'A bookmarklet (javascript:) runs code, which bookmarks here cannot'
  if (/^(place|data):/i.test(text)) return `${text.split(':')[0]}: addresses are not supported`
  return problem
}

const CHUNK = 400
const GENERAL = 'General'

/** Text from a file, made storable and cut to the API's limit at a character boundary. */
const joinPath = (parts: string[]) =>
  parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' / ')

/** Where a folder's links go under `target`: a space's name (or the fixed space) and a group's name. */
function destination(folder: ImportFolder, target: ImportTarget): { space?: string; group: string } {
  const wrapper = folder.wrapped ? folder.path[0] : undefined
  const inner = folder.wrapped ? folder.path.slice(1) : folder.path
  switch (target.kind) {
    case 'per-folder':
      // Links loose in a browser folder (a toolbar's own links) go to a space named after that folder.
      return inner.length === 0
        ? { space: wrapper ?? 'Imported', group: GENERAL }
        : { space: inner[0], group: joinPath(inner.slice(1)) || GENERAL }
    case 'per-wrapper':
      return { space: wrapper ?? 'Imported', group: joinPath(inner) || GENERAL }
    default:
      return { group: joinPath(inner) || wrapper || 'Imported' }
  }
}

/** What importing `folders` into `state` under `target` would create and skip; writes nothing. */
export function planImport(state: DataState, folders: ImportFolder[], target: ImportTarget): ImportPlan {
  const result: ImportResult = {
    added: 0,
    duplicates: 0,
    invalid: 0,
    skipped: [],
    groups: 0,
    spaces: 0,
    places: []
  }
  const seen = new Set(Object.values(state.bookmarks).map((b) => normalizeUrl(b.url)))
  const at = now()
  const creates: MutationInput[] = []
  const bookmarks: MutationInput[] = []
  const spaceByName = new Map<string, Space>()
  const placeOf = new Map<string, PlannedSpace>()
  const groups = new Map<string, Group>()
  const newGroups: Group[] = []
  /** New spaces go after the last one, one after the other. */
  let lastSpace: string | undefined
  const spaceKey = () => {
    lastSpace = positionAfter(lastSpace ? [{ id: '', position: lastSpace }] : Object.values(state.spaces))
    return lastSpace
  }
  const liveSpaces = Object.values(state.spaces)
    .filter((s) => !s.isArchived)
    .sort(byPosition)

  const place = (space: Space, isNew: boolean): PlannedSpace => {
    let planned = placeOf.get(space.id)
    if (!planned) {
      planned = { id: space.id, name: space.name, isNew, groups: [] }
      placeOf.set(space.id, planned)
      result.places.push(planned)
    }
    return planned
  }

  // A space of the same name is reused, so importing the same library again (by file, then from Chrome)
  // fills what is there instead of making a second copy.
  const spaceNamed = (raw: string): Space => {
    const name = fitText(raw, LIMITS.name) || 'Imported'
    const known = spaceByName.get(name) ?? liveSpaces.find((s) => s.name === name)
    if (known) {
      spaceByName.set(name, known)
      return known
    }
    const space: Space = {
      id: newId('space'),
      name,
      icon: '📁',
      color: null,
      position: spaceKey(),
      isArchived: false,
      createdAt: at,
      updatedAt: at
    }
    spaceByName.set(name, space)
    creates.push({ op: 'create', entity: 'space', data: space })
    result.spaces++
    place(space, true)
    return space
  }

  const fixedSpace =
    target.kind === 'existing'
      ? state.spaces[target.spaceId]
      : target.kind === 'new'
        ? spaceNamed(target.name)
        : undefined
  if (target.kind === 'existing' && !fixedSpace) throw new Error('The chosen space no longer exists')

  const groupFor = (folder: ImportFolder): Group => {
    const where = destination(folder, target)
    const space = fixedSpace ?? spaceNamed(where.space ?? 'Imported')
    const planned = place(space, !state.spaces[space.id])
    const name = fitText(where.group, LIMITS.name) || GENERAL
    const key = `${space.id}\n${name}`
    const known = groups.get(key)
    if (known) return known
    const existing = Object.values(state.groups).find(
      (g) => g.spaceId === space.id && g.name === name && !g.isArchived
    )
    const group: Group = existing ?? {
      id: newId('group'),
      spaceId: space.id,
      name,
      icon: null,
      position: positionAfter(
        [...Object.values(state.groups), ...newGroups].filter((g) => g.spaceId === space.id)
      ),
      isArchived: false,
      createdAt: at,
      updatedAt: at
    }
    groups.set(key, group)
    planned.groups.push({ id: group.id, name, isNew: !existing, bookmarks: 0 })
    if (!existing) {
      newGroups.push(group)
      creates.push({ op: 'create', entity: 'group', data: group })
      result.groups++
    }
    return group
  }

  /** Each group's last key so far: the import's bookmarks go after the group's, in the order they come. */
  const lastKeys = new Map<string, string>()
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
      const last = lastKeys.get(group.id)
      const position = last
        ? positionAfter([{ id: '', position: last }])
        : positionAfter(Object.values(state.bookmarks).filter((b) => b.groupId === group.id))
      lastKeys.set(group.id, position)
      const bookmark = newBookmark(
        state,
        group,
        {
          title: fitText(link.title, LIMITS.title) || titleFromUrl(checked.url),
          url: checked.url,
          description: fitText(link.description ?? '', LIMITS.description) || null,
          tags: cleanTags(link.tags ?? [])
        },
        position
      )
      if (link.addedAt) bookmark.createdAt = link.addedAt
      if (link.isPinned) bookmark.isPinned = true
      if (link.isArchived) bookmark.isArchived = true
      bookmarks.push({ op: 'create', entity: 'bookmark', data: bookmark })
      const planned = placeOf.get(group.spaceId)?.groups.find((g) => g.id === group.id)
      if (planned) planned.bookmarks++
    }
  }
  return { result, creates, bookmarks }
}

/** Writes a plan: spaces and groups at once, then bookmarks in chunks, reporting progress. */
export async function commitImport(
  store: DataStore,
  plan: ImportPlan,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<ImportResult> {
  const { result, creates, bookmarks } = plan
  const total = bookmarks.length
  onProgress(0, total)
  if (creates.length) await store.mutate(creates)
  for (let i = 0; i < total; i += CHUNK) {
    await store.mutate(bookmarks.slice(i, i + CHUNK))
    result.added = Math.min(total, i + CHUNK)
    onProgress(result.added, total)
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return result
}

/** Plans against the store as it is now and writes the plan. */
export const importFolders = (
  store: DataStore,
  folders: ImportFolder[],
  target: ImportTarget,
  onProgress?: (done: number, total: number) => void
): Promise<ImportResult> => commitImport(store, planImport(store.state, folders, target), onProgress)
