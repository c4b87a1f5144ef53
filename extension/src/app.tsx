// The app shell: store context, sidebar, the routed page, the one open dialog, toasts and global shortcuts.
import { HashRouter, MemoryRouter, type RouteSectionProps, useLocation, useNavigate } from '@solidjs/router'
import { createEffect, lazy, Match, onCleanup, Switch } from 'solid-js'
import { startSpaceId } from './features/spaces/home-page'
import { Sidebar } from './features/spaces/sidebar'
import { routes } from './routes'
import { saveView } from './store/cache'
import { type DataStore, StoreContext, useStore } from './store/data-store'
import { startView } from './store/selectors'
import { Toasts } from './ui/toast'
import { closeDialog, dialog, lastGroupId, openDialog } from './view-state'

// Dialogs load on demand (a local file, at once) so that they never weigh on the first paint.
const ImportDialog = lazy(() => import('./features/import-export/import-dialog'))
const ArchiveDialog = lazy(() =>
  import('./features/archive/archive-dialog').then((m) => ({ default: m.ArchiveDialog }))
)
const BookmarkDialog = lazy(() =>
  import('./features/bookmarks/bookmark-dialog').then((m) => ({ default: m.BookmarkDialog }))
)
const GroupDialog = lazy(() =>
  import('./features/groups/group-dialog').then((m) => ({ default: m.GroupDialog }))
)
const MoveDialog = lazy(() => import('./features/move/move-dialog').then((m) => ({ default: m.MoveDialog })))
const SearchDialog = lazy(() =>
  import('./features/search/search-dialog').then((m) => ({ default: m.SearchDialog }))
)
const SpaceDialog = lazy(() =>
  import('./features/spaces/space-dialog').then((m) => ({ default: m.SpaceDialog }))
)
const MigrationDialog = lazy(() => import('./features/account/migration-dialog'))
const SignInDialog = lazy(() => import('./features/account/sign-in-dialog'))
const ConfirmDialog = lazy(() => import('./ui/confirm-dialog').then((m) => ({ default: m.ConfirmDialog })))

/** Fetches the dialogs' code once the page has painted, so that the first click opens one at once. */
export async function preloadDialogs(): Promise<void> {
  const all = [
    BookmarkDialog,
    GroupDialog,
    SearchDialog,
    SpaceDialog,
    ConfirmDialog,
    MoveDialog,
    ArchiveDialog
  ]
  await Promise.all(all.map((dialog) => dialog.preload()))
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

function Dialogs() {
  const navigate = useNavigate()
  return (
    <Switch>
      <Match when={dialog()?.kind === 'space' && dialog()} keyed>
        {(d) =>
          d.kind === 'space' && (
            <SpaceDialog
              space={d.space}
              onClose={closeDialog}
              onCreated={(s) => navigate(`/space/${s.id}`)}
            />
          )
        }
      </Match>
      <Match when={dialog()?.kind === 'group' && dialog()} keyed>
        {(d) =>
          d.kind === 'group' && (
            <GroupDialog
              spaceId={d.spaceId}
              group={d.group}
              onClose={closeDialog}
              onCreated={(g) => navigate(`/space/${g.spaceId}/${g.id}`)}
            />
          )
        }
      </Match>
      <Match when={dialog()?.kind === 'bookmark' && dialog()} keyed>
        {(d) =>
          d.kind === 'bookmark' && (
            <BookmarkDialog groupId={d.groupId} bookmark={d.bookmark} onClose={closeDialog} />
          )
        }
      </Match>
      <Match when={dialog()?.kind === 'confirm' && dialog()} keyed>
        {(d) =>
          d.kind === 'confirm' && (
            <ConfirmDialog
              title={d.title}
              message={d.message}
              confirmLabel={d.confirmLabel}
              onConfirm={d.onConfirm}
              onClose={closeDialog}
            />
          )
        }
      </Match>
      <Match when={dialog()?.kind === 'move' && dialog()} keyed>
        {(d) => d.kind === 'move' && <MoveDialog entity={d.entity} id={d.id} onClose={closeDialog} />}
      </Match>
      <Match when={dialog()?.kind === 'import'}>
        <ImportDialog onClose={closeDialog} />
      </Match>
      <Match when={dialog()?.kind === 'archive'}>
        <ArchiveDialog onClose={closeDialog} />
      </Match>
      <Match when={dialog()?.kind === 'migration' && dialog()} keyed>
        {(d) =>
          d.kind === 'migration' && (
            <MigrationDialog
              plan={d.plan}
              run={d.run}
              onDone={() => {
                closeDialog()
                d.onDone()
              }}
            />
          )
        }
      </Match>
      <Match when={dialog()?.kind === 'sign-in' && dialog()} keyed>
        {(d) =>
          d.kind === 'sign-in' && (
            <SignInDialog
              flow={d.flow}
              onDone={(signedIn) => {
                closeDialog()
                d.onDone(signedIn)
              }}
            />
          )
        }
      </Match>
      <Match when={dialog()?.kind === 'search'}>
        <SearchDialog onClose={closeDialog} />
      </Match>
    </Switch>
  )
}

/** Keeps the cached start view in step with the data and with where the person is. */
function useStartViewCache() {
  const store = useStore()
  const location = useLocation()
  let timer: ReturnType<typeof setTimeout> | undefined
  const write = () => {
    timer = undefined
    if (!store.ready()) return
    const data = store.snapshot()
    const spaceId = startSpaceId(data)
    saveView(store.account(), startView(data, spaceId, spaceId ? lastGroupId(spaceId) : null))
  }
  createEffect(() => {
    store.snapshot()
    location.pathname
    if (!store.ready()) return
    clearTimeout(timer)
    timer = setTimeout(write, 300)
  })
  const flush = () => {
    if (timer) {
      clearTimeout(timer)
      write()
    }
  }
  window.addEventListener('pagehide', flush)
  onCleanup(() => {
    window.removeEventListener('pagehide', flush)
    clearTimeout(timer)
  })
}

function Shell(props: RouteSectionProps) {
  useStartViewCache()
  const onKey = (event: KeyboardEvent) => {
    if (dialog() || isTyping(event.target)) return
    if (event.key === '/' || (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault()
      openDialog({ kind: 'search' })
    }
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))
  return (
    <div class="app">
      <Sidebar />
      {props.children}
      <Dialogs />
      <Toasts />
    </div>
  )
}

/** `memory` routing is for tests, which have no address bar to keep. */
export function App(props: { store: DataStore; router?: 'hash' | 'memory' }) {
  return (
    <StoreContext.Provider value={props.store}>
      {props.router === 'memory' ? (
        <MemoryRouter root={Shell}>{routes()}</MemoryRouter>
      ) : (
        <HashRouter root={Shell}>{routes()}</HashRouter>
      )}
    </StoreContext.Provider>
  )
}
