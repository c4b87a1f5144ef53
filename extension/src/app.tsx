// The app shell: store context, sidebar, the routed page, the one open dialog, toasts and global shortcuts.
import { HashRouter, MemoryRouter, type RouteSectionProps, useNavigate } from '@solidjs/router'
import { lazy, Match, onCleanup, Switch } from 'solid-js'
import { BookmarkDialog } from './features/bookmarks/bookmark-dialog'
import { GroupDialog } from './features/groups/group-dialog'
import { MoveDialog } from './features/move/move-dialog'
import { SearchDialog } from './features/search/search-dialog'
import { Sidebar } from './features/spaces/sidebar'
import { SpaceDialog } from './features/spaces/space-dialog'
import { routes } from './routes'
import { type DataStore, StoreContext } from './store/data-store'
import { ConfirmDialog } from './ui/confirm-dialog'
import { Toasts } from './ui/toast'
import { closeDialog, dialog, openDialog } from './view-state'

// Rarely used and the largest parts: loaded on demand so they never weigh on the first paint.
const ImportDialog = lazy(() => import('./features/import-export/import-dialog'))
const ArchiveDialog = lazy(() =>
  import('./features/archive/archive-dialog').then((m) => ({ default: m.ArchiveDialog }))
)

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
      <Match when={dialog()?.kind === 'search'}>
        <SearchDialog onClose={closeDialog} />
      </Match>
    </Switch>
  )
}

function Shell(props: RouteSectionProps) {
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
