// Gets a capture's changes to the server while no new tab syncs the account, from the service worker's offscreen
// document (offscreen-sync.ts), which runs the new tab's own sign-in provider and sync engine. The worker cannot
// run them itself: a service worker may not import() (the provider loads lazily) and has no localStorage (where
// Clerk keeps its client token). Nothing is lost if either is stopped mid-push: the outbox keeps every change
// until the server has answered it, and the next push (or new tab) sends it again, idempotently.
import { LOCAL_ACCOUNT, loadOutbox } from '../store/cache'
import { engineRunning, type SyncState } from '../store/sync/engine'
import { loadCaptureTarget } from './capture-target'
import { ext } from './extension-api'

export const OFFSCREEN_DOCUMENT = 'offscreen.html'

/** What the worker asks the offscreen document: push and pull `account` once, now. */
export type SyncRequest = { type: 'sync-account'; account: string }

/** How the offscreen document's sync went; `signed-out`: no session to restore, so the changes wait. */
export type OffscreenSyncResult = { state: SyncState | 'signed-out'; pending: number; error?: string }

export type CaptureSync =
  /** Signed-out data: it reaches an account only through the sign-in's migration, never a push. */
  | { via: 'nobody' }
  /** An open new tab's engine syncs the account: it pushes on the capture's broadcast. */
  | { via: 'new-tab' }
  | { via: 'offscreen'; result: OffscreenSyncResult }

export const isSyncRequest = (message: unknown): message is SyncRequest =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'sync-account' &&
  typeof (message as { account?: unknown }).account === 'string'

/** Pushes what a capture just queued for `account`, unless an open new tab does, or it is signed-out data. */
export async function pushCaptured(account: string): Promise<CaptureSync> {
  if (account === LOCAL_ACCOUNT) return { via: 'nobody' }
  if (await engineRunning(account)) return { via: 'new-tab' }
  return { via: 'offscreen', result: await syncOffscreen(account) }
}

/**
 * On the worker's start: pushes what captures left in the outbox (the worker was stopped before it pushed, or it
 * was offline), so that it does not wait for the next new tab. Offline, it waits for the next start.
 */
export async function pushWaiting(): Promise<CaptureSync | undefined> {
  const { account } = await loadCaptureTarget()
  if (!account || account === LOCAL_ACCOUNT || navigator.onLine === false) return undefined
  if ((await loadOutbox(account)).length === 0) return undefined
  return pushCaptured(account)
}

async function syncOffscreen(account: string): Promise<OffscreenSyncResult> {
  const request: SyncRequest = { type: 'sync-account', account }
  // The document closes itself once idle: one that closed between the check and the message is opened again.
  for (let attempt = 1; ; attempt++) {
    await openDocument()
    try {
      const answer = (await ext().runtime.sendMessage(request)) as OffscreenSyncResult | undefined
      if (answer) return answer
      throw new Error('The offscreen document did not answer')
    } catch (error) {
      if (attempt >= 2) throw error
    }
  }
}

let creating: Promise<void> | undefined

async function openDocument(): Promise<void> {
  const api = ext()
  const url = api.runtime.getURL(OFFSCREEN_DOCUMENT)
  const open = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })
  if (open.length > 0) return
  // One at a time: Chrome refuses a second offscreen document while one is open.
  creating ??= api.offscreen
    .createDocument({
      url: OFFSCREEN_DOCUMENT,
      reasons: ['LOCAL_STORAGE'],
      justification: 'Syncs a page saved from the toolbar, a menu or a shortcut with the signed-in account'
    })
    .finally(() => {
      creating = undefined
    })
  await creating
}
