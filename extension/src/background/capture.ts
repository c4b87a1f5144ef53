// Saving from outside the new tab (popup, context menu, shortcut, omnibox): finds what is saved, and writes through
// the new tab's own path, the stored data and the outbox changed in one IndexedDB transaction, then announced.

import { LIMITS } from '../../../model/limits'
import { byPosition } from '../../../model/rules'
import { fitText } from '../../../model/text'
import { normalizeUrl, urlProblem } from '../../../model/url'
import { groupOfPages, type PageToSave, pageTitle } from '../features/groups/tabs-as-group'
import { newBookmark } from '../store/actions'
import { applyMutation } from '../store/apply'
import { LOCAL_ACCOUNT, loadData, saveChange } from '../store/cache'
import { newId, now } from '../store/ids'
import { positionAfter, sortedGroups, sortedSpaces } from '../store/selectors'
import {
  type Bookmark,
  type DataState,
  emptyState,
  type Group,
  type MutationInput,
  type Space
} from '../store/types'

export type { PageToSave }

import { type CaptureTarget, loadCaptureTarget } from './capture-target'
import { pushCaptured } from './sync'

/** The BroadcastChannel an open new tab reloads on (store/data-store.ts `CHANNEL`; keep the two equal). */
export const CHANGES_CHANNEL = 'bookmarks-index:changes'

/** A page or link to save: its address and the title to give it. */
/** Where a bookmark lives, named for people ("Work / Docs"). */
export type SavedPlace = { bookmark: Bookmark; group: Group; space: Space; label: string }

export type GroupChoice = { group: Group; space: Space; label: string }

export type SaveResult =
  | { status: 'saved'; bookmark: Bookmark; place: GroupChoice }
  | { status: 'duplicate'; place: SavedPlace }
  | { status: 'refused'; reason: string }

const labelOf = (space: Space, group: Group) => `${space.name} / ${group.name}`

/** The account the new tab shows (mirrored by it), or the signed-out data when no new tab has said yet. */
export const accountOf = (target: CaptureTarget): string => target.account || LOCAL_ACCOUNT

export async function loadLibrary(account: string): Promise<DataState> {
  return (await loadData(account)) ?? emptyState()
}

/** Every live group, in sidebar then tab order, archived ones left out: what a capture can go to. */
export function groupChoices(data: DataState): GroupChoice[] {
  return sortedSpaces(data).flatMap((space) =>
    sortedGroups(data, space.id).map((group) => ({ group, space, label: labelOf(space, group) }))
  )
}

/** Where `url` is saved already (same normalised address), visible places first; local data only. */
export function findSaved(data: DataState, url: string): SavedPlace[] {
  const key = normalizeUrl(url)
  const places: SavedPlace[] = []
  for (const bookmark of Object.values(data.bookmarks)) {
    if (normalizeUrl(bookmark.url) !== key) continue
    const group = data.groups[bookmark.groupId]
    const space = data.spaces[bookmark.spaceId]
    if (group && space) places.push({ bookmark, group, space, label: labelOf(space, group) })
  }
  const hidden = (p: SavedPlace) => Number(p.bookmark.isArchived || p.group.isArchived || p.space.isArchived)
  return places.sort(
    (a, b) => hidden(a) - hidden(b) || byPosition(a.space, b.space) || byPosition(a.group, b.group)
  )
}

/** The group a capture goes to: the one asked for, else the last one opened, else the first there is. */
export function chooseGroup(
  data: DataState,
  target: CaptureTarget,
  groupId?: string
): GroupChoice | undefined {
  const choices = groupChoices(data)
  return (
    choices.find((c) => c.group.id === groupId) ??
    choices.find((c) => c.group.id === target.groupId) ??
    choices.find((c) => c.space.id === target.spaceId) ??
    choices[0]
  )
}

/** A first space and group for a library that has none, so that the first capture has somewhere to go. */
function firstGroupInputs(data: DataState): { inputs: MutationInput[]; place: GroupChoice } {
  const at = now()
  const space: Space = {
    id: newId('space'),
    name: 'Saved',
    icon: '📥',
    color: null,
    position: positionAfter(Object.values(data.spaces)),
    isArchived: false,
    createdAt: at,
    updatedAt: at
  }
  const group: Group = {
    id: newId('group'),
    spaceId: space.id,
    name: 'Inbox',
    icon: null,
    position: positionAfter([]),
    isArchived: false,
    createdAt: at,
    updatedAt: at
  }
  return {
    inputs: [
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group }
    ],
    place: { space, group, label: labelOf(space, group) }
  }
}

/**
 * The one write: mutations applied to the stored data and queued in the outbox together, then announced, then
 * pushed: by an open new tab's engine on the announcement, else from the background (sync.ts). The push is not
 * awaited (a save answers at once, offline too); a failed one leaves the outbox for the next new tab.
 */
export async function commit(account: string, inputs: MutationInput[]): Promise<void> {
  if (inputs.length === 0) return
  const at = now()
  const mutations = inputs.map(
    (m) => ({ ...m, mutationId: newId('mutation') }) as typeof m & { mutationId: string }
  )
  await saveChange(
    account,
    (draft) => {
      for (const m of mutations) applyMutation(draft, m, at)
    },
    mutations
  )
  announceChange(account, { queued: true })
  void pushCaptured(account).catch(() => undefined)
}

/** What CHANGES_CHANNEL carries: whose data changed, and whether the change waits in the outbox for a push. */
export type ChangeMessage = { account: string; queued?: boolean }

/**
 * Tells open new tabs (and the service worker's badge) that the account's stored data changed; `queued` asks a
 * new tab's sync engine to push it, since whoever wrote it runs none.
 */
export function announceChange(account: string, options: { queued?: boolean } = {}): void {
  if (typeof BroadcastChannel !== 'function') return
  const channel = new BroadcastChannel(CHANGES_CHANNEL)
  const message: ChangeMessage = options.queued ? { account, queued: true } : { account }
  channel.postMessage(message)
  channel.close()
}

/**
 * Saves one page into a group (the last used unless `groupId` says otherwise), unless its normalised address is
 * saved already: then it says where, and nothing is written.
 */
export async function saveBookmark(
  page: PageToSave,
  options: { groupId?: string; target?: CaptureTarget } = {}
): Promise<SaveResult> {
  const problem = urlProblem(page.url)
  if (problem) return { status: 'refused', reason: problem }
  const target = options.target ?? (await loadCaptureTarget())
  const account = accountOf(target)
  const data = await loadLibrary(account)
  const [saved] = findSaved(data, page.url)
  if (saved) return { status: 'duplicate', place: saved }
  const chosen = chooseGroup(data, target, options.groupId)
  const { inputs, place } = chosen ? { inputs: [], place: chosen } : firstGroupInputs(data)
  const bookmark = newBookmark(data, place.group, { url: page.url, title: pageTitle(page) })
  await commit(account, [...inputs, { op: 'create', entity: 'bookmark', data: bookmark }])
  return { status: 'saved', bookmark, place }
}

/**
 * Changes a saved bookmark's title and group (the popup's Edit): one write, of what changed; a blank title keeps
 * the old one, and a group that is gone meanwhile leaves the bookmark where it is.
 */
export async function editBookmark(
  account: string,
  id: string,
  changes: { title?: string; groupId?: string }
): Promise<SavedPlace | undefined> {
  const data = await loadLibrary(account)
  const bookmark = data.bookmarks[id]
  if (!bookmark) return undefined
  const inputs: MutationInput[] = []
  const title = fitText(changes.title ?? '', LIMITS.title)
  if (title && title !== bookmark.title)
    inputs.push({ op: 'update', entity: 'bookmark', data: { id, title } })
  const group = changes.groupId ? data.groups[changes.groupId] : undefined
  if (group && group.id !== bookmark.groupId)
    inputs.push({
      op: 'move',
      entity: 'bookmark',
      data: {
        id,
        groupId: group.id,
        position: positionAfter(Object.values(data.bookmarks).filter((b) => b.groupId === group.id))
      }
    })
  await commit(account, inputs)
  return findSaved(await loadLibrary(account), bookmark.url).find((place) => place.bookmark.id === id)
}

/** Deletes a saved bookmark (the popup's Remove). */
export async function removeBookmark(account: string, id: string): Promise<void> {
  await commit(account, [{ op: 'delete', entity: 'bookmark', data: { id } }])
}

/**
 * Saves pages as a new group in a space (the last used unless given), in their order, in one write: the
 * window's tabs are one group or none. Addresses a bookmark cannot have, and repeats in the list, are left out.
 */
export async function saveAsGroup(
  name: string,
  pages: PageToSave[],
  options: { spaceId?: string; target?: CaptureTarget } = {}
): Promise<{ group: Group; space: Space; bookmarks: Bookmark[] }> {
  const target = options.target ?? (await loadCaptureTarget())
  const account = accountOf(target)
  const data = await loadLibrary(account)
  const spaces = sortedSpaces(data)
  const existing =
    spaces.find((s) => s.id === options.spaceId) ?? spaces.find((s) => s.id === target.spaceId) ?? spaces[0]
  const inputs: MutationInput[] = []
  let space: Space
  if (existing) space = existing
  else {
    const first = firstGroupInputs(data)
    const [spaceInput] = first.inputs
    if (spaceInput) inputs.push(spaceInput)
    space = first.place.space
  }
  const made = groupOfPages(data, space.id, name, pages)
  await commit(account, [...inputs, ...made.inputs])
  return { group: made.group, space, bookmarks: made.bookmarks }
}
