// The "Save link to…" context menu: the groups saved to lately, most recent first, then the default group (where a
// plain save goes) when it is not among them. Built from the local data only; gone or archived groups are skipped.
import type { DataState } from '../store/types'
import { chooseGroup, type GroupChoice, groupChoices } from './capture'
import type { CaptureTarget } from './capture-target'

export const MENU_SAVE_PAGE = 'save-page'
export const MENU_SAVE_LINK = 'save-link'
/** How many recent groups the menu lists. */
export const RECENT_IN_MENU = 5

export type MenuItem = {
  id: string
  title: string
  contexts: chrome.contextMenus.ContextType[]
  parentId?: string
}

/** A child's id: stable for the group, so that a click names where to save whichever menu the click came from. */
export const linkMenuId = (groupId: string): string => `${MENU_SAVE_LINK}:${groupId}`

/** The group a "Save link to…" child saves to, or undefined for another item. */
export function groupOfMenuId(id: string | number): string | undefined {
  const prefix = `${MENU_SAVE_LINK}:`
  return typeof id === 'string' && id.startsWith(prefix) ? id.slice(prefix.length) || undefined : undefined
}

const menuLabel = (choice: GroupChoice) => `${choice.space.name} › ${choice.group.name}`

/** Every menu item, in the order they are created: parents before their children. */
export function menuItems(data: DataState, recent: string[], target: CaptureTarget): MenuItem[] {
  const page: MenuItem = { id: MENU_SAVE_PAGE, title: 'Save page to Bookmarks Index', contexts: ['page'] }
  const live = new Map(groupChoices(data).map((choice) => [choice.group.id, choice]))
  const recentChoices = [...new Set(recent)].flatMap((id) => live.get(id) ?? []).slice(0, RECENT_IN_MENU)
  if (recentChoices.length === 0)
    return [page, { id: MENU_SAVE_LINK, title: 'Save link to Bookmarks Index', contexts: ['link'] }]
  const fallback = chooseGroup(data, target)
  const children =
    fallback && !recentChoices.some((c) => c.group.id === fallback.group.id)
      ? [...recentChoices, fallback]
      : recentChoices
  return [
    page,
    { id: MENU_SAVE_LINK, title: 'Save link to…', contexts: ['link'] },
    ...children.map((choice) => ({
      id: linkMenuId(choice.group.id),
      parentId: MENU_SAVE_LINK,
      title: menuLabel(choice),
      contexts: ['link'] as chrome.contextMenus.ContextType[]
    }))
  ]
}
