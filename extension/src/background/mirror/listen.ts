// The mirror's wiring in the service worker: Chrome's bookmark events, the library's change broadcast and the new
// tab's requests each ask for a run. Called once, synchronously, at the top of service-worker.ts, so that an event
// that wakes a stopped worker finds its listener. chrome.bookmarks exists only once the optional permission is
// granted: its listeners are added then, and on every later start at the top.
import { CHANGES_CHANNEL } from '../capture'
import { ext } from '../extension-api'
import { mirrorIdle, runMirror, scheduleMirror } from './run'
import {
  isMirrorRequest,
  loadMirror,
  type MirrorRequest,
  type MirrorSettings,
  OTHER_BOOKMARKS,
  saveMirror
} from './state'

export type MirrorResponse = { ok: true; settings: MirrorSettings | undefined } | { ok: false; error: string }

let listening = false
function listenToBookmarks(): void {
  const bookmarks = ext().bookmarks
  if (listening || !bookmarks) return
  listening = true
  const changed = () => scheduleMirror()
  for (const event of [
    bookmarks.onCreated,
    bookmarks.onRemoved,
    bookmarks.onChanged,
    bookmarks.onMoved,
    bookmarks.onChildrenReordered,
    bookmarks.onImportEnded
  ])
    event.addListener(changed)
}

/** Turning on keeps the map and the folder of an earlier time (so nothing is made twice); off stops the runs and
 * leaves Chrome's folder as it is. */
export async function handleMirrorRequest(request: MirrorRequest): Promise<MirrorResponse> {
  const settings = await loadMirror()
  if (request.action === 'on') {
    listenToBookmarks()
    const same = settings?.account === request.account
    await saveMirror({
      ...(same ? settings : {}),
      enabled: true,
      account: request.account,
      parentId: request.parentId ?? (same ? settings.parentId : OTHER_BOOKMARKS),
      ...(same && settings.rootId ? { rootId: settings.rootId } : {}),
      status: same && settings.status.state !== 'off' ? settings.status : { state: 'off' }
    })
  } else if (!settings) {
    return { ok: true, settings }
  } else if (request.action === 'off') {
    await mirrorIdle()
    await saveMirror({ ...settings, enabled: false, decision: undefined, status: { state: 'off' } })
  } else {
    await saveMirror({ ...settings, decision: request.decision })
  }
  if (request.action !== 'off') await runMirror()
  return { ok: true, settings: await loadMirror() }
}

export function startMirror(): void {
  const api = ext()
  listenToBookmarks()
  api.permissions.onAdded.addListener(() => {
    listenToBookmarks()
    scheduleMirror()
  })
  // Any change to a library (this worker's captures, a new tab's edit, a pull from the server) may be mirrored.
  new BroadcastChannel(CHANGES_CHANNEL).addEventListener('message', () => scheduleMirror())
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || !isMirrorRequest(message)) return undefined
    handleMirrorRequest(message).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) })
    )
    return true
  })
  // Whatever changed while the worker was stopped (Chrome sync, another device through the server) is caught up.
  scheduleMirror(0)
}

export const mirrorHandlers = {
  run: runMirror,
  idle: mirrorIdle,
  settings: loadMirror,
  request: handleMirrorRequest
}
