// Opens a whole group's bookmarks as tabs: in this window, in a new window, or as a Chrome tab group carrying the
// group's name and its space's colour; and reads this window's tabs to save as a group. For the new tab's group
// menu; `tabGroups` and `tabs` are asked for at first use.

import { ext } from '../../background/extension-api'
import { sortedBookmarks } from '../../store/selectors'
import type { DataState } from '../../store/types'
import { type PageToSave, savableTabs } from './tabs-as-group'

export type OpenGroupMode = 'this-window' | 'new-window' | 'tab-group'

/** Above this many tabs the menu asks first (the caller's confirm dialog). */
export const CONFIRM_ABOVE = 20

/** The group's visible bookmarks' addresses, pinned first, in the order the tiles show. */
export function groupUrls(data: DataState, groupId: string): string[] {
  return sortedBookmarks(
    Object.values(data.bookmarks).filter((b) => b.groupId === groupId && !b.isArchived)
  ).map((b) => b.url)
}

const TAB_GROUP_HUES: [chrome.tabGroups.Color, number][] = [
  ['red', 0],
  ['orange', 30],
  ['yellow', 55],
  ['green', 130],
  ['cyan', 185],
  ['blue', 220],
  ['purple', 265],
  ['pink', 320]
]

/** The Chrome tab-group colour nearest a space's `#rrggbb` colour (grey without one). */
export function tabGroupColor(color: string | null | undefined): chrome.tabGroups.Color {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '')
  if (!match) return 'grey'
  const [r, g, b] = match.slice(1).map((hex) => Number.parseInt(hex, 16) / 255) as [number, number, number]
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  if (max - min < 0.08) return 'grey'
  const d = max - min
  const hue = (max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4) * 60
  const distance = (h: number) => Math.min(Math.abs(hue - h), 360 - Math.abs(hue - h))
  return TAB_GROUP_HUES.reduce((best, next) => (distance(next[1]) < distance(best[1]) ? next : best))[0]
}

/**
 * Opens the group's bookmarks; returns how many tabs it opened (0 when the person refused `tabGroups`).
 * Call it straight from the click (or the confirm dialog's button): Chrome asks for a permission only there.
 */
export async function openGroupAsTabs(
  data: DataState,
  groupId: string,
  mode: OpenGroupMode
): Promise<number> {
  const api = ext()
  // Requested before any await, while the click still counts as the person's gesture.
  const granted = mode === 'tab-group' ? api.permissions.request({ permissions: ['tabGroups'] }) : undefined
  const group = data.groups[groupId]
  const urls = groupUrls(data, groupId)
  if (!group || urls.length === 0) return 0
  if (mode === 'new-window') {
    await api.windows.create({ url: urls, focused: true })
    return urls.length
  }
  if (granted && !(await granted)) return 0
  const tabs = []
  for (const [i, url] of urls.entries()) tabs.push(await api.tabs.create({ url, active: i === 0 }))
  if (mode === 'tab-group') {
    const tabIds = tabs.flatMap((t) => (t.id === undefined ? [] : [t.id]))
    const tabGroupId = await api.tabs.group({ tabIds })
    await api.tabGroups.update(tabGroupId, {
      title: group.name,
      color: tabGroupColor(data.spaces[group.spaceId]?.color)
    })
  }
  return tabs.length
}

/**
 * The tabs of the window this page is in that are worth saving, in their order; undefined when the person refused
 * the `tabs` permission (needed to read other tabs' titles and addresses). Call it straight from the click.
 */
export async function windowTabs(): Promise<PageToSave[] | undefined> {
  const api = ext()
  // Requested before any await, while the click still counts as the person's gesture.
  if (!(await api.permissions.request({ permissions: ['tabs'] }))) return undefined
  return savableTabs(await api.tabs.query({ currentWindow: true })).map((tab) => ({
    url: tab.url ?? '',
    title: tab.title
  }))
}
