// The toolbar icon's "saved" mark: a ✓ badge and a tooltip saying where, from the local data only (never the network).
import { accountOf, findSaved, loadLibrary, type SavedPlace } from './capture'
import { loadCaptureTarget } from './capture-target'
import { ext } from './extension-api'

export const SAVED_BADGE = '✓'
const DEFAULT_TITLE = 'Save to Bookmarks Index'

/** Where `url` is saved in the account the new tab shows, best place first (empty when it is not). */
export async function savedPlaces(url: string): Promise<SavedPlace[]> {
  return findSaved(await loadLibrary(accountOf(await loadCaptureTarget())), url)
}

/** Marks a tab's toolbar icon saved or not; `places` saves a second lookup when the caller has just made one. */
export async function showSavedState(tabId: number, url: string | undefined, places?: SavedPlace[]) {
  const { action } = ext()
  const found = url ? (places ?? (await savedPlaces(url))) : []
  const [first] = found
  try {
    await action.setBadgeText({ tabId, text: first ? SAVED_BADGE : '' })
    await action.setBadgeBackgroundColor({ tabId, color: '#1a7f37' })
    await action.setTitle({
      tabId,
      title: first ? `Saved in ${first.label} — Bookmarks Index` : DEFAULT_TITLE
    })
  } catch {
    // The tab closed meanwhile: there is no icon left to mark.
  }
}

/** Re-marks the active tab of every window, e.g. after the library changed. Tabs we may not read are left as they are. */
export async function refreshActiveTabs(): Promise<void> {
  const tabs = await ext().tabs.query({ active: true })
  await Promise.all(
    tabs.map((tab) => (tab.id !== undefined && tab.url ? showSavedState(tab.id, tab.url) : undefined))
  )
}
