// The landing route: go to the last opened space, else the first, else teach how to make one.
import { Navigate } from '@solidjs/router'
import { createMemo, Show } from 'solid-js'
import { useStore } from '../../store/data-store'
import { sortedSpaces } from '../../store/selectors'
import type { DataState } from '../../store/types'
import { BookmarkIcon } from '../../ui/icons'
import { lastSpaceId, openDialog } from '../../view-state'
import { TopBar } from './top-bar'

/** The space a new tab opens on: the last one looked at, if it is still there, else the first. */
export function startSpaceId(state: DataState): string | undefined {
  const last = lastSpaceId()
  const remembered = last ? state.spaces[last] : undefined
  if (remembered && !remembered.isArchived) return remembered.id
  return sortedSpaces(state)[0]?.id
}

export function HomePage() {
  const store = useStore()
  const target = createMemo(() => startSpaceId(store.state))
  return (
    <Show when={target()} fallback={store.ready() && <Welcome />}>
      {(id) => <Navigate href={`/space/${id()}`} />}
    </Show>
  )
}

function Welcome() {
  const store = useStore()
  const archived = () => Object.values(store.state.spaces).some((s) => s.isArchived)
  return (
    <div class="main">
      <TopBar />
      <section class="content">
        <div class="empty">
          <div class="big">
            <BookmarkIcon size={44} />
          </div>
          <h2>{archived() ? 'All your spaces are archived' : 'Make your first space'}</h2>
          <p>
            {archived()
              ? 'Restore one from the archive, or start a new space.'
              : 'A space holds a part of your life — Work, Home, Study. Inside it, groups hold your bookmarks as tiles. You can also bring in the bookmarks you already have.'}
          </p>
          <p style={{ display: 'flex', gap: '8px', 'justify-content': 'center' }}>
            <button type="button" class="primary" onClick={() => openDialog({ kind: 'space' })}>
              Create a space
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => openDialog({ kind: archived() ? 'archive' : 'import' })}
            >
              {archived() ? 'Open the archive' : 'Import bookmarks'}
            </button>
          </p>
        </div>
      </section>
    </div>
  )
}
