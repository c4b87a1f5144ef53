// One mirror run in the service worker, and the queue that runs them one at a time: read both sides and the map,
// plan, stop for the guard when the plan would delete much, write the store through the one write path
// (capture.ts commit: data and outbox in one transaction, then synced like any change), then Chrome.
// Nothing lives only in memory: a worker stopped mid-run leaves both sides and the map as far as they got, and
// the next run (on the next start or event) plans from there; what the lost map entries knew is matched again.
import { LOCAL_ACCOUNT } from '../../store/cache'
import { newId, now } from '../../store/ids'
import { commit, loadLibrary } from '../capture'
import { ext } from '../extension-api'
import { pushCaptured } from '../sync'
import { applyToChrome, type BookmarkTree } from './apply-chrome'
import { type ChromeNode, keepBothSides, MIRROR_ID_MARK, type MirrorPlan, planMirror } from './plan'
import {
  loadMap,
  loadMirror,
  MASS_DELETE,
  type MirrorSettings,
  type MirrorStatus,
  OTHER_BOOKMARKS,
  saveMap,
  saveMirror
} from './state'

export const ROOT_TITLE = 'Bookmarks Index'
export const MARKER_TITLE = 'Open Bookmarks Index'

/**
 * The marker bookmark heading the mirror folder: the new tab's address with a tag of the account. Chrome sync
 * carries it with the folder, so another profile of the same account finds the folder and adopts it; it is also
 * the person's way to open the new tab from Chrome's bookmarks.
 */
export async function markerUrl(account: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(account))
  const tag = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${ext().runtime.getURL('index.html')}#mirror=${tag}`
}

type Bookmarks = NonNullable<typeof chrome>['bookmarks']

const subtree = async (api: Bookmarks, id: string): Promise<ChromeNode | undefined> => {
  try {
    const [node] = await api.getSubTree(id)
    return node && node.url === undefined ? node : undefined
  } catch {
    return undefined
  }
}

/** The mirror folder: the one this profile made, else one with this account's marker (Chrome sync brought it,
 * or the extension was reinstalled), the first of them by Chrome's order of ids. */
async function findRoot(api: Bookmarks, settings: MirrorSettings, marker: string) {
  if (settings.rootId) {
    const known = await subtree(api, settings.rootId)
    if (known) return known
  }
  const markers = await api.search({ url: marker })
  const parents = [...new Set(markers.flatMap((m) => (m.parentId ? [m.parentId] : [])))]
  parents.sort((a, b) => Number(a) - Number(b))
  for (const id of parents) {
    const found = await subtree(api, id)
    if (found) return found
  }
  return undefined
}

async function makeRoot(api: Bookmarks, settings: MirrorSettings): Promise<string> {
  const parent = (await subtree(api, settings.parentId)) ? settings.parentId : OTHER_BOOKMARKS
  return (await api.create({ parentId: parent, title: ROOT_TITLE })).id
}

const tree = (api: Bookmarks): BookmarkTree => ({
  create: (node) => api.create(node),
  update: (id, changes) => api.update(id, changes),
  move: (id, destination) => api.move(id, destination),
  remove: (id) => api.remove(id),
  removeTree: (id) => api.removeTree(id),
  getChildren: (id) => api.getChildren(id)
})

async function setStatus(status: MirrorStatus, change: Partial<MirrorSettings> = {}): Promise<void> {
  const settings = await loadMirror()
  if (!settings) return
  const next = { ...settings, ...change, status }
  if (JSON.stringify(next) !== JSON.stringify(settings)) await saveMirror(next)
}

const makesFromChrome = (plan: MirrorPlan) => plan.store.some((m) => m.op === 'create')

/** One run; `settings` as stored when it starts. */
async function runOnce(): Promise<void> {
  const settings = await loadMirror()
  if (!settings?.enabled) return
  const api = ext().bookmarks
  if (!api) {
    await setStatus({
      state: 'error',
      error: 'Chrome’s bookmarks need your permission: turn the mirror on again'
    })
    return
  }
  const { account } = settings
  const marker = await markerUrl(account)
  const isMarker = (node: ChromeNode) => node.url === marker
  const root = await findRoot(api, settings, marker)
  let map = await loadMap(account)
  const plan = async () =>
    planMirror({
      data: await loadLibrary(account),
      root,
      map,
      isMarker,
      now: now(),
      newId: (kind) => newId(kind).replace(`${kind}_`, `${kind}_${MIRROR_ID_MARK}`)
    })
  let planned = await plan()
  // Items new in Chrome may be on their way from the server too (another profile made them and Chrome sync was
  // first): a pull now lets them be matched instead of made twice. What still slips through is an echo the
  // next run drops (plan.ts).
  if (makesFromChrome(planned) && account !== LOCAL_ACCOUNT) {
    await pushCaptured(account).catch(() => undefined)
    planned = await plan()
  }
  const over = planned.deletes.store > MASS_DELETE || planned.deletes.chrome > MASS_DELETE
  if (over && settings.decision === 'keep') {
    map = keepBothSides(map, await loadLibrary(account), root)
    await saveMap(account, map)
    planned = await plan()
  } else if (over && settings.decision !== 'delete') {
    await setStatus({ state: 'waiting', deletes: planned.deletes }, { rootId: root?.id ?? settings.rootId })
    return
  }
  await commit(account, planned.store)
  const rootId = root?.id ?? (await makeRoot(api, settings))
  if (!root?.children?.some(isMarker))
    await api.create({ parentId: rootId, title: MARKER_TITLE, url: marker, index: 0 })
  await applyToChrome(planned, tree(api), rootId, isMarker, (m) => saveMap(account, m))
  await setStatus({ state: 'on', at: now(), skipped: planned.skipped }, { rootId, decision: undefined })
}

let scheduled: Promise<void> | undefined
let running: Promise<void> | undefined
let again = false

/** Asks for a run soon: events come in bursts (an import, a sync, the mirror's own writes), one run serves them. */
export function scheduleMirror(delayMs = 150): void {
  scheduled ??= new Promise<void>((resolve) =>
    setTimeout(() => {
      scheduled = undefined
      void runMirror().finally(resolve)
    }, delayMs)
  )
}

/** Runs now, or once more after the run under way (which may have read the sides before the latest change). */
export function runMirror(): Promise<void> {
  if (running) {
    again = true
    return running
  }
  running = (async () => {
    do {
      again = false
      try {
        await runOnce()
      } catch (error) {
        await setStatus({
          state: 'error',
          error: error instanceof Error ? error.message : String(error)
        }).catch(() => undefined)
      }
    } while (again)
  })().finally(() => {
    running = undefined
  })
  return running
}

/** Resolves once no run is waiting or under way (the browser tests and the new tab's requests wait on it). */
export async function mirrorIdle(): Promise<void> {
  while (scheduled || running) await (scheduled ?? running)
}
