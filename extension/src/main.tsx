// Entry of the new tab: theme first (no flash), then data from IndexedDB, then one render. No network here.
import { render } from 'solid-js/web'
import { App } from './app'
import { applyTheme } from './features/theme/theme'
import { createDataStore } from './store/data-store'
import { showError } from './ui/toast'
import './ui/styles.css'

applyTheme()

const store = createDataStore()
const root = document.getElementById('root')

window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason instanceof Error ? event.reason.message : String(event.reason)
  showError(`Something went wrong: ${reason}`)
})

store
  .load()
  .catch((error: unknown) => {
    showError(
      `Could not read your saved bookmarks: ${error instanceof Error ? error.message : String(error)}`
    )
  })
  .finally(() => {
    if (root) render(() => <App store={store} />, root)
  })
