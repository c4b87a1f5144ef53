// Where a capture (popup, context menu, shortcut) writes: the account the new tab shows and the group opened last,
// and the groups saved to lately (the "Save link to…" menu). The new tab keeps the first two in localStorage, which
// a service worker cannot read, so it mirrors them into chrome.storage.local, which every part of the extension can.

export type CaptureTarget = { account?: string; spaceId?: string; groupId?: string }

const KEY = 'bookmarks-index:capture-target'

const storage = () => (typeof chrome === 'undefined' ? undefined : chrome.storage?.local)
type Area = NonNullable<ReturnType<typeof storage>>

let last = ''
// This context's writes go one after another, and reads wait for them: an account followed and a group shown in
// the same moment (sign-in lands on a group) end as the group, whichever of the two was asked first.
let writes: Promise<unknown> = Promise.resolve()
const queue = (write: (area: Area) => Promise<unknown>) => {
  const area = storage()
  if (!area) return
  // A lost write only means the next capture goes to the target before; never worth an error on the new tab.
  writes = writes.then(() => write(area)).catch(() => undefined)
}

/** Called by the new tab whenever it shows a group; repeated calls with the same values write nothing. */
export function rememberCaptureTarget(target: CaptureTarget): void {
  const text = JSON.stringify(target)
  if (!storage() || text === last) return
  last = text
  queue((area) => area.set({ [KEY]: target }))
}

/**
 * Called by the new tab whenever its account changes (sign-in, sign-out, a session that ended): captures go to
 * that account even while no group is shown. A target already naming the account is kept, with its group.
 */
export function followCaptureAccount(account: string): void {
  // Whatever this call leaves stored, the next group shown is written again.
  last = ''
  queue(async (area) => {
    const stored = await readTarget(area)
    if (stored.account === account) return
    await area.set({ [KEY]: { account } satisfies CaptureTarget })
  })
}

async function readTarget(area: Area): Promise<CaptureTarget> {
  const stored = (await area.get(KEY))[KEY]
  return stored && typeof stored === 'object' ? (stored as CaptureTarget) : {}
}

export async function loadCaptureTarget(): Promise<CaptureTarget> {
  const area = storage()
  if (!area) return {}
  await writes
  return readTarget(area)
}

const RECENT_KEY = 'bookmarks-index:recent-groups'
/** Kept per account: more than the "Save link to…" menu shows, so that deleted groups leave it full. */
const RECENT_KEPT = 10

/** The groups captures went to, most recent first, for each account: `{ [account]: groupIds }`. */
type RecentGroups = Record<string, string[]>

async function loadAllRecent(): Promise<RecentGroups> {
  const area = storage()
  if (!area) return {}
  const stored = (await area.get(RECENT_KEY))[RECENT_KEY]
  return stored && typeof stored === 'object' ? (stored as RecentGroups) : {}
}

/** The groups the account's captures went to lately, most recent first (some may be gone since). */
export async function loadRecentGroups(account: string): Promise<string[]> {
  const list = (await loadAllRecent())[account]
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : []
}

let recentWrites: Promise<unknown> = Promise.resolve()
/**
 * Puts a group first in the account's recent groups (a save went there). Writes run one after another, so two
 * saves at once both count; the service worker is the only writer.
 */
export function rememberRecentGroup(account: string, groupId: string): Promise<string[]> {
  const write = recentWrites.then(async () => {
    const area = storage()
    const all = await loadAllRecent()
    const list = [groupId, ...(all[account] ?? []).filter((id) => id !== groupId)].slice(0, RECENT_KEPT)
    if (area) await area.set({ [RECENT_KEY]: { ...all, [account]: list } })
    return list
  })
  recentWrites = write.catch(() => undefined)
  return write
}

/** Whether a chrome.storage change touches where captures go (the target or the recent groups). */
export const touchesCaptureTarget = (keys: string[]): boolean =>
  keys.includes(KEY) || keys.includes(RECENT_KEY)
