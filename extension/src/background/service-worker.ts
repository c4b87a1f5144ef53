// The extension's service worker: context menus, keyboard commands, the omnibox keyword, the toolbar badge, and
// the one place the popup's writes run (a popup can close mid-save; the worker finishes it).
// Chrome may stop it at any moment: listeners are registered synchronously at the top, nothing lives only in memory,
// and every write is one IndexedDB transaction (data and outbox together), so a stop loses nothing half-done.

import { loadOutbox } from '../store/cache'
import { refreshActiveTabs, SAVED_BADGE, savedPlaces, showSavedState } from './badge'
import {
  accountOf,
  CHANGES_CHANNEL,
  loadLibrary,
  type PageToSave,
  removeBookmark,
  type SavedPlace,
  type SaveResult,
  saveAsGroup,
  saveBookmark
} from './capture'
import { loadCaptureTarget } from './capture-target'
import { ext, isOwnPage } from './extension-api'
import { addressFor, type Disposition, type Suggestion, suggestionsFor } from './omnibox'

export const MENU_SAVE_PAGE = 'save-page'
export const MENU_SAVE_LINK = 'save-link'
export const COMMAND_SAVE_TAB = 'save-tab'

/** What the extension's own pages (the popup) ask the worker to write. */
export type CaptureRequest =
  | { type: 'save-page'; page: PageToSave; groupId?: string; tabId?: number }
  | { type: 'save-tabs'; name: string; pages: PageToSave[]; spaceId?: string }
  | { type: 'remove'; bookmarkId: string; tabId?: number; url?: string }

export type CaptureResponse =
  | { ok: true; result?: SaveResult; groupId?: string; saved?: number }
  | { ok: false; error: string }

const api = ext()

function createMenus(): void {
  // Menus outlive the worker; re-created on install and update so that a changed title takes effect.
  void api.contextMenus.removeAll().then(() => {
    api.contextMenus.create({ id: MENU_SAVE_PAGE, title: 'Save page to Bookmarks Index', contexts: ['page'] })
    api.contextMenus.create({ id: MENU_SAVE_LINK, title: 'Save link to Bookmarks Index', contexts: ['link'] })
  })
  api.omnibox.setDefaultSuggestion({ description: 'Search Bookmarks Index for <match>%s</match>' })
}

/** Saves a page from a menu or shortcut; a page saved already is left alone and its tab marked saved. */
async function savePage(
  page: PageToSave,
  tabId: number | undefined,
  isTabPage: boolean
): Promise<SaveResult> {
  if (isOwnPage(page.url)) return { status: 'refused', reason: 'The extension’s own pages are not saved' }
  const result = await saveBookmark(page)
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
  if (info.menuItemId === MENU_SAVE_LINK && info.linkUrl) {
    const onPage = info.linkUrl === tab?.url
    return savePage({ url: info.linkUrl, title: info.selectionText }, tab?.id, onPage)
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
    const result = await saveBookmark(request.page, { groupId: request.groupId })
    if (request.tabId !== undefined) await showSavedState(request.tabId, request.page.url)
    return { ok: true, result }
  }
  if (request.type === 'save-tabs') {
    const saved = await saveAsGroup(request.name, request.pages, { spaceId: request.spaceId })
    await refreshActiveTabs()
    return { ok: true, groupId: saved.group.id, saved: saved.bookmarks.length }
  }
  const account = accountOf(await loadCaptureTarget())
  await removeBookmark(account, request.bookmarkId)
  if (request.tabId !== undefined) await showSavedState(request.tabId, request.url)
  return { ok: true }
}

const isRequest = (message: unknown): message is CaptureRequest =>
  typeof message === 'object' &&
  message !== null &&
  ['save-page', 'save-tabs', 'remove'].includes((message as { type?: unknown }).type as string)

api.runtime.onInstalled.addListener(createMenus)
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
new BroadcastChannel(CHANGES_CHANNEL).addEventListener('message', () => void refreshActiveTabs())

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
  SAVED_BADGE
}
export type CaptureHandlers = typeof handlers
Object.assign(globalThis, { bookmarksIndex: handlers })
