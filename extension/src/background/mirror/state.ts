// What the mirror keeps in chrome.storage.local, which the worker and the new tab both read: whether it is on,
// for which account, where its folder is, how the last run went (the new tab shows it), and the map of ids.
import type { MirrorMap } from './plan'

export const MIRROR_KEY = 'bookmarks-index:mirror'
const mapKey = (account: string) => `bookmarks-index:mirror-map:${account}`

/** Chrome's "Other bookmarks" (its fixed id): where the mirror folder goes unless the person picks another. */
export const OTHER_BOOKMARKS = '2'
/** More deletions than this on either side in one run stop it until the person says (the mass-delete guard). */
export const MASS_DELETE = 5

export type MirrorStatus =
  | { state: 'off' }
  | { state: 'on'; at: string; skipped: number }
  | { state: 'waiting'; deletes: { store: number; chrome: number } }
  | { state: 'error'; error: string }

export type MirrorSettings = {
  enabled: boolean
  /** The account whose library is mirrored: the one shown when the mirror was turned on. */
  account: string
  /** The Chrome folder the mirror folder is made in. */
  parentId: string
  rootId?: string
  /** The person's answer to the guard, used by the next run: apply the deletions, or bring the items back. */
  decision?: 'delete' | 'keep'
  status: MirrorStatus
}

/** What the new tab asks the worker. */
export type MirrorRequest =
  | { type: 'mirror'; action: 'on'; account: string; parentId?: string }
  | { type: 'mirror'; action: 'off' }
  | { type: 'mirror'; action: 'decide'; decision: 'delete' | 'keep' }

export const isMirrorRequest = (message: unknown): message is MirrorRequest =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'mirror'

const area = () => (typeof chrome === 'undefined' ? undefined : chrome.storage?.local)

export async function loadMirror(): Promise<MirrorSettings | undefined> {
  const stored = (await area()?.get(MIRROR_KEY))?.[MIRROR_KEY]
  return stored && typeof stored === 'object' ? (stored as MirrorSettings) : undefined
}

export async function saveMirror(settings: MirrorSettings): Promise<void> {
  await area()?.set({ [MIRROR_KEY]: settings })
}

export async function loadMap(account: string): Promise<MirrorMap> {
  const stored = (await area()?.get(mapKey(account)))?.[mapKey(account)] as MirrorMap | undefined
  return stored && Array.isArray(stored.entries) ? stored : { entries: [], orders: {} }
}

export async function saveMap(account: string, map: MirrorMap): Promise<void> {
  await area()?.set({ [mapKey(account)]: map })
}
