// Entry of the new tab: theme first (no flash), then the start view (one group's bookmarks), one render, and the
// whole library from IndexedDB once that is on screen. No network here. A copy of the last start view may be on
// screen already (first-paint.ts): the render replaces it.
import { render } from 'solid-js/web'
import { App, preloadDialogs } from './app'
import { startSpaceId } from './features/spaces/home-page'
import { applyTheme } from './features/theme/theme'
import { firstPaintShown, replayKeys, takeHeldKeys } from './first-paint'
import { rememberedAccount } from './session/remembered-account'
import { createSession } from './session/session-context'
import { LOCAL_ACCOUNT, loadStartView, loadView } from './store/cache'
import { createDataStore } from './store/data-store'
import { sortedGroups } from './store/selectors'
import type { DataState } from './store/types'
import { showError } from './ui/toast'
import { afterFirstPaint } from './ui/virtual-grid'
import { lastGroupId } from './view-state'
import './ui/styles.css'

performance.mark('app-start')
applyTheme()

const store = createDataStore()
const session = createSession(store)
const root = document.getElementById('root')

window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason instanceof Error ? event.reason.message : String(event.reason)
  showError(`Something went wrong: ${reason}`)
})

const start = () => {
  // Open the start space directly: a redirect after the first render would cost a second render pass.
  const path = location.hash.replace(/^#/, '')
  const space = startSpaceId(store.state)
  if ((path === '' || path === '/') && space) history.replaceState(null, '', `#/space/${space}`)
  if (root) {
    // The first-paint copy goes in the same task as the render: no frame shows neither. Keys pressed while it
    // showed reach the app's shortcuts, which listen from the render on.
    const held = firstPaintShown(root) ? takeHeldKeys() : []
    if (firstPaintShown(root)) {
      root.textContent = ''
      root.removeAttribute('data-first-paint')
      root.removeAttribute('aria-hidden')
      root.inert = false
    }
    render(() => <App store={store} session={session} />, root)
    replayKeys(held)
  }
  setTimeout(() => void preloadDialogs(), 200)
}

// Signed in: the sign-in code, API client and sync engine load after the first paint, once the data is in.
const connect = () =>
  session
    .restore()
    .catch((error: unknown) =>
      showError(`Could not resume your session: ${error instanceof Error ? error.message : String(error)}`)
    )
    // Tests wait for this: the remembered session is resumed, or known to be gone (nothing more will load).
    .finally(() => performance.mark('session-restored'))

const failed = (error: unknown) =>
  showError(`Could not read your saved bookmarks: ${error instanceof Error ? error.message : String(error)}`)

const account = rememberedAccount() ?? LOCAL_ACCOUNT

const loadAll = (): Promise<void> => {
  const loading = store.load(account)
  loading.then(() => {
    // Tests and the benchmark wait for this: the whole library is in the store.
    performance.mark('library-loaded')
    return connect()
  }, failed)
  return loading
}

/** The group the page opens on: the one its address names, else the start space's last, else its first. */
function startGroup(data: DataState): string | undefined {
  const named = location.hash.match(/^#\/space\/[^/]+\/([^/?#]+)/)?.[1]
  if (named && data.groups[named]) return named
  const space = startSpaceId(data)
  if (!space) return undefined
  const groups = sortedGroups(data, space)
  return (groups.find((g) => g.id === lastGroupId(space)) ?? groups[0])?.id
}

// Reading and parsing every group of a large library would compete with drawing the start group's tiles, so the
// whole library loads once they are on screen. A cached start view (localStorage) paints at once. Without one
// (first open, storage cleared) the start view comes from IndexedDB: the spaces, the groups and the start group's
// own record, never the whole library. Data stored by an older version has no such records yet: then the page
// waits for the load that migrates it.
const open = () => {
  const cached = loadView(account)
  if (cached) {
    store.showView(cached)
    start()
    afterFirstPaint(loadAll)
  } else {
    loadStartView(account, startGroup)
      .catch(() => undefined)
      .then((view) => {
        if (view) {
          store.showView(view)
          start()
          afterFirstPaint(loadAll)
        } else
          loadAll()
            .catch(() => undefined)
            .then(start)
      })
  }
}
// With the first-paint copy on the page (public/first-paint.js), that copy is painted first and the app takes over
// right after; the person sees the start view without waiting for this code to run.
if (firstPaintShown(root)) afterFirstPaint(open)
else open()
