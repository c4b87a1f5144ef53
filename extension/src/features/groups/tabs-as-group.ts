// Pages (a window's tabs) as a new group: which tabs are worth saving, the group's default name, and the mutations
// that make the group and its bookmarks, for the popup (through the worker) and the new tab (through its store).
import { LIMITS } from '../../../../model/limits'
import { fitText } from '../../../../model/text'
import { normalizeUrl, titleFromUrl, urlProblem } from '../../../../model/url'
import { isOwnPage } from '../../background/extension-api'
import { newBookmark } from '../../store/actions'
import { newId, now } from '../../store/ids'
import { positionAfter, positionsAfter } from '../../store/selectors'
import type { Bookmark, DataState, Group, MutationInput } from '../../store/types'

/** A page to save: its address and, when known, its title. */
export type PageToSave = { url: string; title?: string }

/** A bookmark's title for a page: its own, else one made from the address; storable and cut as the API takes it. */
export const pageTitle = (page: PageToSave): string =>
  fitText(page.title ?? '', LIMITS.title) || titleFromUrl(page.url)

/**
 * A new group at the end of a space holding `pages` in their order, as the mutations that make it (the popup's
 * "Save all tabs" through the worker, the new tab's through its store). Addresses a bookmark cannot have, and
 * repeats in the list, are left out.
 */
export function groupOfPages(
  data: DataState,
  spaceId: string,
  name: string,
  pages: PageToSave[]
): { group: Group; bookmarks: Bookmark[]; inputs: MutationInput[] } {
  const at = now()
  const group: Group = {
    id: newId('group'),
    spaceId,
    name: fitText(name, LIMITS.name) || 'Saved tabs',
    icon: null,
    position: positionAfter(Object.values(data.groups).filter((g) => g.spaceId === spaceId)),
    isArchived: false,
    createdAt: at,
    updatedAt: at
  }
  const seen = new Set<string>()
  const kept = pages.filter((page) => {
    const key = normalizeUrl(page.url)
    if (urlProblem(page.url) || seen.has(key)) return false
    seen.add(key)
    return true
  })
  // The new group's tabs get keys in their order, one after the other: only these rows are written.
  const keys = positionsAfter([], kept.length)
  const bookmarks = kept.map((page, i) =>
    newBookmark(data, group, { url: page.url, title: pageTitle(page) }, keys[i])
  )
  const inputs: MutationInput[] = [
    { op: 'create', entity: 'group', data: group },
    ...bookmarks.map((bookmark): MutationInput => ({ op: 'create', entity: 'bookmark', data: bookmark }))
  ]
  return { group, bookmarks, inputs }
}

/** A window's tabs worth saving: not pinned, not this extension's pages, addresses a bookmark can have. */
export const savableTabs = <T extends { pinned: boolean; url?: string }>(tabs: T[]): T[] =>
  tabs.filter((t) => !t.pinned && t.url && !isOwnPage(t.url) && !urlProblem(t.url))

/** The name a window's tabs get as a group until the person gives another, e.g. "Tabs Dec 1". */
export const tabsGroupName = (day = new Date()): string =>
  `Tabs ${day.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}`
