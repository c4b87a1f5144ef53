// The app shell: store and session contexts, sidebar, the routed page, the one open dialog, toasts and global
// shortcuts.
import { HashRouter, MemoryRouter, type RouteSectionProps, useLocation } from '@solidjs/router'
import { type Component, createEffect, lazy, onCleanup, Show } from 'solid-js'
import { followCaptureAccount } from './background/capture-target'
import { MirrorGuard } from './features/mirror/mirror-guard'
import { startSpaceId } from './features/spaces/home-page'
import { Sidebar } from './features/spaces/sidebar'
import { dropFirstPaint, firstPaintHtml, saveFirstPaint } from './first-paint'
import { routes } from './routes'
import { type PageSession, SessionContext } from './session/session-context'
import { saveView } from './store/cache'
import { type DataStore, StoreContext, useStore } from './store/data-store'
import { startView } from './store/selectors'
import { Toasts } from './ui/toast'
import { undoLast } from './ui/undo'
import {
  closeDialog,
  type DialogKind,
  type DialogSpec,
  dialog,
  lastGroupId,
  openDialog,
  sidebarCollapsed
} from './view-state'

// Every `<kind>-dialog.tsx` is the dialog of that kind (its default export), so adding a dialog is adding its
// file. Each loads on demand (a local file, at once) so that none weighs on the first paint.
type DialogComponent = Component<DialogSpec & { onClose: () => void }>
const modules = import.meta.glob<{ default: DialogComponent }>('./**/*-dialog.tsx')
const dialogs = Object.fromEntries(
  Object.entries(modules).map(([path, load]) => [path.replace(/^.*\/(.+)-dialog\.tsx$/, '$1'), lazy(load)])
)

/** The dialogs most visits open; the rest (import, the sign-in ones) load when they are opened. */
const PRELOADED: DialogKind[] = ['bookmark', 'group', 'search', 'space', 'confirm', 'move', 'archive']

/** Fetches the common dialogs' code once the page has painted, so that the first click opens one at once. */
export async function preloadDialogs(): Promise<void> {
  await Promise.all(PRELOADED.map((kind) => dialogs[kind]?.preload()))
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

/** The open dialog, if any; keyed, so that opening another dialog starts it afresh. */
function OpenDialog() {
  return (
    <Show when={dialog()} keyed>
      {(spec) => {
        const Open = dialogs[spec.kind]
        return Open && <Open {...spec} onClose={closeDialog} />
      }}
    </Show>
  )
}

/**
 * Keeps the cached start view in step with the data and with where the person is, and the first-paint copy of
 * it (first-paint.ts): dropped by any change while the page is visible, drawn again once it is hidden or goes.
 */
function useStartViewCache() {
  const store = useStore()
  const location = useLocation()
  let timer: ReturnType<typeof setTimeout> | undefined
  const write = () => {
    timer = undefined
    if (!store.ready()) return
    const data = store.snapshot()
    const spaceId = startSpaceId(data)
    const groupId = spaceId ? lastGroupId(spaceId) : null
    saveView(store.account(), startView(data, spaceId, groupId, store.groupBookmarks))
    if (document.visibilityState === 'hidden') keepFirstPaint()
  }
  /**
   * The page as a new tab would open it, if that is what it shows now (the start view, scrolled to its top). A
   * page left before its library loaded leaves the copy as it is: nothing could change before that.
   */
  const keepFirstPaint = () => {
    if (!store.ready()) return
    const root = document.getElementById('root')
    const data = store.snapshot()
    const spaceId = startSpaceId(data)
    const groupId = spaceId ? lastGroupId(spaceId) : null
    const path = location.pathname
    const atStart = !!spaceId && (path === `/space/${spaceId}` || path === `/space/${spaceId}/${groupId}`)
    const atTop = Array.from(document.querySelectorAll('.content')).every((el) => el.scrollTop === 0)
    if (root && atStart && atTop)
      saveFirstPaint({ account: store.account(), path, html: firstPaintHtml(root) })
    else dropFirstPaint()
  }
  createEffect(() => {
    store.snapshot()
    location.pathname
    if (!store.ready()) return
    if (document.visibilityState !== 'hidden') dropFirstPaint()
    clearTimeout(timer)
    timer = setTimeout(write, 300)
  })
  const flush = () => {
    if (timer) {
      clearTimeout(timer)
      write()
    }
    keepFirstPaint()
  }
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush()
  }
  window.addEventListener('pagehide', flush)
  document.addEventListener('visibilitychange', onVisibility)
  onCleanup(() => {
    window.removeEventListener('pagehide', flush)
    document.removeEventListener('visibilitychange', onVisibility)
    clearTimeout(timer)
  })
}

/**
 * Captures (popup, menus, shortcut) go to the account this page shows from the moment it shows it. The group is
 * named by space-page.tsx once one is shown, but after a sign-in, a sign-out or a session that ended the page may
 * show none, and a capture must not go on into the account it left.
 */
function useCaptureAccount() {
  const store = useStore()
  createEffect(() => {
    if (store.ready()) followCaptureAccount(store.account())
  })
}

function Shell(props: RouteSectionProps) {
  useStartViewCache()
  useCaptureAccount()
  const onKey = (event: KeyboardEvent) => {
    if (dialog() || isTyping(event.target)) return
    const command = event.ctrlKey || event.metaKey
    if (event.key === '/' || (event.key.toLowerCase() === 'k' && command)) {
      event.preventDefault()
      openDialog({ kind: 'search' })
    } else if (event.key.toLowerCase() === 'z' && command && !event.shiftKey) {
      if (undoLast()) event.preventDefault()
    } else if (event.key === '?') {
      event.preventDefault()
      openDialog({ kind: 'shortcuts' })
    }
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))
  return (
    <div class="app" classList={{ 'sidebar-collapsed': sidebarCollapsed() }}>
      <Sidebar />
      {props.children}
      <OpenDialog />
      <MirrorGuard />
      <Toasts />
    </div>
  )
}

/** `memory` routing is for tests, which have no address bar to keep. */
export function App(props: { store: DataStore; session: PageSession; router?: 'hash' | 'memory' }) {
  return (
    <StoreContext.Provider value={props.store}>
      <SessionContext.Provider value={props.session}>
        {props.router === 'memory' ? (
          <MemoryRouter root={Shell}>{routes()}</MemoryRouter>
        ) : (
          <HashRouter root={Shell}>{routes()}</HashRouter>
        )}
      </SessionContext.Provider>
    </StoreContext.Provider>
  )
}
