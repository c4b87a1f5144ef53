// Entry of the new tab: theme first (no flash), then data from IndexedDB, then one render. No network here.
import { render } from 'solid-js/web'
import { App, preloadDialogs } from './app'
import { startSpaceId } from './features/spaces/home-page'
import { applyTheme } from './features/theme/theme'
import { rememberedAccount } from './session/remembered-account'
import { createSession } from './session/session-context'
import { LOCAL_ACCOUNT, loadView } from './store/cache'
import { createDataStore } from './store/data-store'
import { showError } from './ui/toast'
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
  if (root) render(() => <App store={store} session={session} />, root)
  setTimeout(() => void preloadDialogs(), 200)
}

// Signed in: the sign-in code, API client and sync engine load after the first paint, once the data is in.
const connect = () =>
  session
    .restore()
    .catch((error: unknown) =>
      showError(`Could not resume your session: ${error instanceof Error ? error.message : String(error)}`)
    )

const failed = (error: unknown) =>
  showError(`Could not read your saved bookmarks: ${error instanceof Error ? error.message : String(error)}`)

// With a cached start view the page paints at once and the full data follows; without one (first run, or
// storage cleared) it waits for IndexedDB.
const account = rememberedAccount() ?? LOCAL_ACCOUNT
const view = loadView(account)
const loading = store.load(account)
if (view) {
  store.showView(view)
  start()
  loading.catch(failed)
} else {
  loading.catch(failed).finally(start)
}
loading.then(connect, () => undefined)
