// Where a capture (popup, context menu, shortcut) writes: the account the new tab shows and the group opened last.
// The new tab keeps both in localStorage, which a service worker cannot read, so it mirrors them into
// chrome.storage.local, which every part of the extension can.

export type CaptureTarget = { account?: string; spaceId?: string; groupId?: string }

const KEY = 'bookmarks-index:capture-target'

const storage = () => (typeof chrome === 'undefined' ? undefined : chrome.storage?.local)

let last = ''
/** Called by the new tab whenever it shows a group; repeated calls with the same values write nothing. */
export function rememberCaptureTarget(target: CaptureTarget): void {
  const area = storage()
  const text = JSON.stringify(target)
  if (!area || text === last) return
  last = text
  // A lost write only means the next capture goes to the group before; never worth an error on the new tab.
  area.set({ [KEY]: target }).catch(() => undefined)
}

export async function loadCaptureTarget(): Promise<CaptureTarget> {
  const area = storage()
  if (!area) return {}
  const stored = (await area.get(KEY))[KEY]
  return stored && typeof stored === 'object' ? (stored as CaptureTarget) : {}
}
