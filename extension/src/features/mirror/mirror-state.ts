// The new tab's view of the mirror (background/mirror/): its settings and last run as the worker stores them, as
// a signal, and the requests that turn it on or off and answer its mass-delete guard.
import { createSignal } from 'solid-js'
import type { MirrorResponse } from '../../background/mirror/listen'
import {
  loadMirror,
  MIRROR_KEY,
  type MirrorRequest,
  type MirrorSettings
} from '../../background/mirror/state'
import { requestBookmarksPermission } from '../import-export/chrome-bookmarks'

/** Whether this page can run the mirror: an extension page, whose worker holds it. */
export const canMirror = (): boolean =>
  typeof chrome !== 'undefined' && !!chrome.runtime?.id && typeof chrome.storage?.local?.get === 'function'

const [mirror, setMirror] = createSignal<MirrorSettings | undefined>(undefined)

export { mirror }

let watching = false
/** Starts following the stored settings (once per page). */
export function watchMirror(): void {
  if (watching || !canMirror()) return
  watching = true
  void loadMirror().then(setMirror, () => undefined)
  chrome?.storage.onChanged.addListener((changes, area) => {
    const change = changes[MIRROR_KEY]
    if (area === 'local' && change) setMirror(change.newValue as MirrorSettings | undefined)
  })
}

async function ask(request: MirrorRequest): Promise<MirrorSettings | undefined> {
  const answer = (await chrome?.runtime.sendMessage(request)) as MirrorResponse | undefined
  if (!answer) throw new Error('The extension’s background did not answer')
  if (!answer.ok) throw new Error(answer.error)
  setMirror(answer.settings)
  return answer.settings
}

/** The mirror refused its permission: nothing was mirrored. */
export const PERMISSION_REFUSED =
  'The mirror needs your permission to change Chrome’s bookmarks, which was not given. Nothing was changed.'

/**
 * Turns the mirror on for `account`. Call it straight from the click: the permission prompt shows only during
 * the person's gesture, so it is asked before any await.
 */
export function turnMirrorOn(account: string, parentId: string): Promise<MirrorSettings | undefined> {
  const granted = requestBookmarksPermission()
  return granted.then((ok) => {
    if (!ok) throw new Error(PERMISSION_REFUSED)
    return ask({ type: 'mirror', action: 'on', account, parentId })
  })
}

export const turnMirrorOff = () => ask({ type: 'mirror', action: 'off' })
export const decideMirror = (decision: 'delete' | 'keep') =>
  ask({ type: 'mirror', action: 'decide', decision })
