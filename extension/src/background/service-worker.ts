// The extension's service worker: context menus, keyboard commands, the omnibox keyword, the toolbar badge, and
// the one place the popup's writes run (a popup can close mid-save; the worker finishes it).
// Chrome may stop it at any moment: listeners are registered synchronously at the top, nothing lives only in memory,
// and every write is one IndexedDB transaction (data and outbox together), so a stop loses nothing half-done.

import { loadOutbox } from '../store/cache'
import { emptyState } from '../store/types'
import { refreshActiveTabs, SAVED_BADGE, savedPlaces, showSavedState } from './badge'
import {
  accountOf,
  CHANGES_CHANNEL,
  editBookmark,
  loadLibrary,
  type PageToSave,
  removeBookmark,
  type SavedPlace,
  type SaveResult,
  saveAsGroup,
  saveBookmark
} from './capture'
import {
  loadCaptureTarget,
  loadRecentGroups,
  rememberRecentGroup,
  touchesCaptureTarget
} from './capture-target'
import { ext, isOwnPage } from './extension-api'
import { groupOfMenuId, MENU_SAVE_LINK, MENU_SAVE_PAGE, type MenuItem, menuItems } from './link-menu'
import { mirrorHandlers, startMirror } from './mirror/listen'
import { addressFor, type Disposition, type Suggestion, suggestionsFor } from './omnibox'
import { pushWaiting } from './sync'

export const COMMAND_SAVE_TAB = 'save-tab'

/** What the extension's own pages (the popup) ask the worker to write. */
export type CaptureRequest =
  | { type: 'save-page'; page: PageToSave; groupId?: string; tabId?: number }
  | { type: 'save-tabs'; name: string; pages: PageToSave[]; spaceId?: string }
  | { type: 'remove'; bookmarkId: string; tabId?: number; url?: string }
  | { type: 'edit'; bookmarkId: string; title?: string; groupId?: string; tabId?: number; url?: string }

export type CaptureResponse =
  | { ok: true; result?: SaveResult; groupId?: string; saved?: number }
  | { ok: false; error: string }

const api = ext()

/** The menu items as last built by this worker (undefined until it built them, e.g. after a restart). */
let builtMenus: MenuItem[] | undefined
let menusBuilding: Promise<void> = Promise.resolve()
let menusQueued: Promise<void> | undefined

/**
 * Builds the context menus from the recent groups and the local data. Menus outlive the worker, so this runs on
 * install and update, on browser start, and when what they show may have changed (recent groups, the default
 * group, the library), not on every wake. Builds run one at a time; calls made while one waits share it.
 */
function updateMenus(): Promise<void> {
  if (menusQueued) return menusQueued
  // A build that fails (the menus API refused an item) leaves the menus as they were; the next change rebuilds.
  const run = menusBuilding
    .then(() => {
      menusQueued = undefined
      return buildMenus()
    })
    .catch(() => undefined)
  menusQueued = run
  menusBuilding = run
  return run
}

const createMenu = (item: MenuItem) =>
  new Promise<void>((resolve, reject) =>
    api.contextMenus.create(item, () => {
      const error = api.runtime.lastError
      if (error) reject(new Error(error.message))
      else resolve()
    })
  )

async function buildMenus(): Promise<void> {
  const target = await loadCaptureTarget().catch(() => ({}))
  const account = accountOf(target)
  // Unreadable data still gets the plain menu items: a save from them says what went wrong.
  const [data, recent] = await Promise.all([
    loadLibrary(account).catch(() => emptyState()),
    loadRecentGroups(account).catch(() => [])
  ])
  const items = menuItems(data, recent, target)
  if (JSON.stringify(items) === JSON.stringify(builtMenus)) return
  builtMenus = undefined
  await api.contextMenus.removeAll()
  for (const item of items) await createMenu(item)
  builtMenus = items
}

/** Saves through the one write path; the group a page went to becomes the first of the recent groups. */
async function saveToGroup(page: PageToSave, groupId?: string): Promise<SaveResult> {
  const target = await loadCaptureTarget()
  const result = await saveBookmark(page, { groupId, target })
  // The bookmark is saved: a lost recent-groups write only leaves the menu's order as it was.
  if (result.status === 'saved')
    await rememberRecentGroup(accountOf(target), result.place.group.id).catch(() => undefined)
  return result
}

/** Saves a page from a menu or shortcut; a page saved already is left alone and its tab marked saved. */
async function savePage(
  page: PageToSave,
  tabId: number | undefined,
  isTabPage: boolean,
  groupId?: string
): Promise<SaveResult> {
  if (isOwnPage(page.url)) return { status: 'refused', reason: 'The extension’s own pages are not saved' }
  const result = await saveToGroup(page, groupId)
  if (tabId !== undefined && isTabPage) {
    const places: SavedPlace[] =
      result.status === 'duplicate'
        ? [result.place]
        : result.status === 'saved'
          ? [{ ...result.place, bookmark: result.bookmark }]
          : []
    await showSavedState(tabId, page.url, places)
  } else if (tabId !== undefined && result.status !== 'refused') {
    const where =
      result.status === 'saved'
        ? `Link saved to ${result.place.label}`
        : `Link already in ${result.place.label}`
    await api.action.setTitle({ tabId, title: `${where} — Bookmarks Index` }).catch(() => undefined)
  }
  return result
}

async function onMenuClicked(
  info: chrome.contextMenus.OnClickData,
  tab?: chrome.tabs.Tab
): Promise<SaveResult | undefined> {
  if (info.menuItemId === MENU_SAVE_PAGE) {
    const url = tab?.url ?? info.pageUrl
    if (!url) return undefined
    // The tab's title belongs to its page only when the menu was opened on that same page (not a frame).
    return savePage({ url, title: tab?.url === url ? tab.title : undefined }, tab?.id, true)
  }
  // "Save link to…": a child names its group (`save-link:<groupId>`); the plain item saves to the default one.
  const groupId = groupOfMenuId(info.menuItemId)
  if ((info.menuItemId === MENU_SAVE_LINK || groupId) && info.linkUrl) {
    const onPage = info.linkUrl === tab?.url
    return savePage({ url: info.linkUrl, title: info.selectionText }, tab?.id, onPage, groupId)
  }
  return undefined
}

async function onCommand(command: string, tab?: chrome.tabs.Tab): Promise<SaveResult | undefined> {
  if (command !== COMMAND_SAVE_TAB) return undefined
  // A shortcut grants activeTab, so the tab's address and title are readable without the tabs permission.
  const current = tab ?? (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0]
  if (!current?.url) return undefined
  return savePage({ url: current.url, title: current.title }, current.id, true)
}

async function onInputChanged(text: string, suggest: (results: Suggestion[]) => void): Promise<Suggestion[]> {
  const data = await loadLibrary(accountOf(await loadCaptureTarget()))
  const results = suggestionsFor(data, text)
  suggest(results)
  return results
}

async function onInputEntered(text: string, disposition: Disposition): Promise<string> {
  const data = await loadLibrary(accountOf(await loadCaptureTarget()))
  const url = addressFor(data, text) ?? api.runtime.getURL('index.html')
  if (disposition === 'currentTab') await api.tabs.update({ url })
  else await api.tabs.create({ url, active: disposition === 'newForegroundTab' })
  return url
}

async function handleRequest(request: CaptureRequest): Promise<CaptureResponse> {
  if (request.type === 'save-page') {
    const result = await saveToGroup(request.page, request.groupId)
    if (request.tabId !== undefined) await showSavedState(request.tabId, request.page.url)
    return { ok: true, result }
  }
  if (request.type === 'save-tabs') {
    const target = await loadCaptureTarget()
    const saved = await saveAsGroup(request.name, request.pages, { spaceId: request.spaceId, target })
    await rememberRecentGroup(accountOf(target), saved.group.id).catch(() => undefined)
    await refreshActiveTabs()
    return { ok: true, groupId: saved.group.id, saved: saved.bookmarks.length }
  }
  const account = accountOf(await loadCaptureTarget())
  if (request.type === 'edit') {
    const place = await editBookmark(account, request.bookmarkId, request)
    if (!place) return { ok: false, error: 'This bookmark is no longer saved' }
    await rememberRecentGroup(account, place.group.id).catch(() => undefined)
    if (request.tabId !== undefined) await showSavedState(request.tabId, request.url)
    return { ok: true, groupId: place.group.id }
  }
  await removeBookmark(account, request.bookmarkId)
  if (request.tabId !== undefined) await showSavedState(request.tabId, request.url)
  return { ok: true }
}

const isRequest = (message: unknown): message is CaptureRequest =>
  typeof message === 'object' &&
  message !== null &&
  ['save-page', 'save-tabs', 'remove', 'edit'].includes((message as { type?: unknown }).type as string)

api.runtime.onInstalled.addListener(() => {
  api.omnibox.setDefaultSuggestion({ description: 'Search Bookmarks Index for <match>%s</match>' })
  void updateMenus()
})
api.runtime.onStartup.addListener(() => void updateMenus())
// The recent groups or the default group changed (a save here, a group opened on the new tab, the popup's choice).
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && touchesCaptureTarget(Object.keys(changes))) void updateMenus()
})
api.contextMenus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab))
api.commands.onCommand.addListener((command, tab) => void onCommand(command, tab))
api.omnibox.onInputChanged.addListener((text, suggest) => void onInputChanged(text, suggest))
api.omnibox.onInputEntered.addListener((text, disposition) => void onInputEntered(text, disposition))
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the extension's own pages may write; nothing else can reach this listener (no externally_connectable).
  if (sender.id !== api.runtime.id || !isRequest(message)) return undefined
  handleRequest(message).then(sendResponse, (error: unknown) =>
    sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) })
  )
  return true
})

// The badge follows the tab: on switching tabs, on navigation, and whenever the library changes anywhere.
// Reading a tab's address needs the optional `tabs` permission; without it tab.url is absent and the badge is
// set only where the person invoked the extension (popup, menu, shortcut).
api.tabs.onActivated.addListener(({ tabId }) => {
  void api.tabs.get(tabId).then(
    (tab) => (tab.url ? showSavedState(tabId, tab.url) : undefined),
    () => undefined
  )
})
api.tabs.onUpdated.addListener((tabId, change, tab) => {
  if ((change.url || change.status === 'complete') && tab.active && tab.url)
    void showSavedState(tabId, tab.url)
})
// A group renamed, archived or deleted changes the "Save link to…" menu too.
new BroadcastChannel(CHANGES_CHANNEL).addEventListener('message', () => {
  void refreshActiveTabs()
  void updateMenus()
})
// The two-way mirror with Chrome's bookmarks (mirror/listen.ts), when the person turned it on.
startMirror()
// Changes captures left unpushed (the worker was stopped first, or offline) go now, not at the next new tab.
void pushWaiting().catch(() => undefined)

/** What is stored for the account captures go to, read through the cache's own API (tests and debugging). */
async function stored() {
  const account = accountOf(await loadCaptureTarget())
  const [data, outbox] = await Promise.all([loadLibrary(account), loadOutbox(account)])
  return { account, data, outbox }
}

/** The handlers by name, for the browser tests (through the worker's devtools target) and for debugging. */
const handlers = {
  stored,
  onMenuClicked,
  onCommand,
  onInputChanged,
  onInputEntered,
  handleRequest,
  savedPlaces,
  showSavedState,
  refreshActiveTabs,
  updateMenus,
  /** The context menu items as this worker last built them (chrome.contextMenus cannot be read back). */
  builtMenus: () => builtMenus,
  mirror: mirrorHandlers,
  SAVED_BADGE
}
export type CaptureHandlers = typeof handlers
Object.assign(globalThis, { bookmarksIndex: handlers })
