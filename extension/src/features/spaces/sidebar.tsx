// The left sidebar: spaces in order, drag or Alt+↑/↓ to reorder, drop a group or bookmark to move it there.
import { A, useLocation } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { firstGroupOf, moveBookmark, moveGroup, reorder, stepOrder } from '../../store/actions'
import { useStore } from '../../store/data-store'
import { sortedSpaces, tagCounts } from '../../store/selectors'
import type { Space } from '../../store/types'
import { draggable, dropOrder } from '../../ui/drag'
import { ArchiveIcon, PlusIcon, SidebarIcon } from '../../ui/icons'
import { Menu } from '../../ui/menu'
import { showError } from '../../ui/toast'
import { openDialog, sidebarCollapsed, toggleSidebar } from '../../view-state'
import { archive } from '../archive/archive-with-undo'
import { confirmDelete } from '../delete/confirm-delete'

export function Sidebar() {
  const store = useStore()
  const location = useLocation()
  const spaces = createMemo(() => sortedSpaces(store.state))
  const activeId = () => location.pathname.match(/^\/space\/([^/]+)/)?.[1]
  // Spaces and groups are few, and read through the store only their archived flags are tracked; bookmarks are
  // counted by the store as they change.
  const archivedCount = createMemo(() => {
    const count = (table: Record<string, { isArchived: boolean }>) =>
      Object.values(table).reduce((n, item) => n + (item.isArchived ? 1 : 0), 0)
    return count(store.state.spaces) + count(store.state.groups) + store.archivedBookmarks()
  })

  // Counted only while the list is open: it reads every bookmark.
  const [tagsOpen, setTagsOpen] = createSignal(false)
  const tags = createMemo(() => (tagsOpen() ? tagCounts(store.snapshot()) : []))
  const activeTag = () => location.pathname.match(/^\/tag\/([^/]+)/)?.[1]

  const step = (space: Space, delta: number) => {
    const ids = stepOrder(
      spaces().map((s) => s.id),
      space.id,
      delta
    )
    if (ids) void reorder(store, 'space', null, ids)
  }

  return (
    <nav class="sidebar" aria-label="Spaces">
      <div class="brand">
        <img src="icon-128.png" alt="" />
        <span class="brand-name">Bookmarks Index</span>
        <button
          type="button"
          class="icon-button sidebar-toggle"
          aria-label={sidebarCollapsed() ? 'Expand the sidebar' : 'Collapse the sidebar'}
          title={sidebarCollapsed() ? 'Expand the sidebar' : 'Collapse the sidebar'}
          aria-expanded={!sidebarCollapsed()}
          onClick={toggleSidebar}
        >
          <SidebarIcon />
        </button>
      </div>
      <ul class="space-list">
        <For each={spaces()}>
          {(space) => {
            let openMenu: ((x: number, y: number) => void) | undefined
            return (
              <li
                class="space-item"
                classList={{ active: activeId() === space.id }}
                data-space-id={space.id}
                draggable="true"
                onContextMenu={(event) => {
                  event.preventDefault()
                  openMenu?.(event.clientX, event.clientY)
                }}
                ref={(el) =>
                  draggable(el, () => ({
                    item: { entity: 'space', id: space.id },
                    axis: 'y',
                    accepts: (drag) => (drag.entity === 'space' ? 'sort' : 'into'),
                    onDrop: (drag, position) => {
                      if (drag.entity === 'space') {
                        void reorder(
                          store,
                          'space',
                          null,
                          dropOrder(
                            spaces().map((s) => s.id),
                            drag.id,
                            space.id,
                            position
                          )
                        )
                      } else if (drag.entity === 'group') {
                        void moveGroup(store, drag.id, space.id)
                      } else {
                        const group = firstGroupOf(store.state, space.id)
                        if (!group) showError(`“${space.name}” has no group to put the bookmark in yet`)
                        else void moveBookmark(store, drag.id, group.id)
                      }
                    }
                  }))
                }
              >
                <A
                  class="space-link"
                  href={`/space/${space.id}`}
                  title={`${space.name} (Alt+↑/↓ to move)`}
                  onKeyDown={(event) => {
                    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
                      event.preventDefault()
                      step(space, event.key === 'ArrowUp' ? -1 : 1)
                    }
                  }}
                >
                  <span
                    class="space-icon"
                    style={
                      space.color
                        ? {
                            'border-left-color': space.color,
                            background: `color-mix(in srgb, ${space.color} 18%, transparent)`
                          }
                        : undefined
                    }
                    aria-hidden="true"
                  >
                    {space.icon}
                  </span>
                  <span class="name">{space.name}</span>
                </A>
                <Menu
                  label={`Space ${space.name} actions`}
                  onContext={(open) => {
                    openMenu = open
                  }}
                  items={[
                    { label: 'Edit', run: () => openDialog({ kind: 'space', space }) },
                    { label: 'Move up', run: () => step(space, -1) },
                    { label: 'Move down', run: () => step(space, 1) },
                    { label: 'Archive', run: () => archive(store, 'space', space.id, space.name) },
                    {
                      label: 'Delete',
                      danger: true,
                      run: () => confirmDelete(store, 'space', space.id, space.name)
                    }
                  ]}
                />
              </li>
            )
          }}
        </For>
      </ul>
      <details class="tag-list" onToggle={(e) => setTagsOpen(e.currentTarget.open)}>
        <summary>Tags</summary>
        <Show when={tagsOpen() && tags().length === 0}>
          <p class="hint">No tags yet. Add some in a bookmark’s Edit dialog.</p>
        </Show>
        <ul aria-label="Tags">
          <For each={tags()}>
            {(entry) => (
              <li>
                <A
                  href={`/tag/${encodeURIComponent(entry.tag)}`}
                  classList={{ active: activeTag() === encodeURIComponent(entry.tag) }}
                >
                  <span class="name">#{entry.tag}</span>
                  <span class="count">{entry.count}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </details>
      <div class="sidebar-footer">
        <button type="button" class="ghost" title="New space" onClick={() => openDialog({ kind: 'space' })}>
          <PlusIcon /> <span class="footer-label">New space</span>
        </button>
        <button
          type="button"
          class="ghost"
          title={`Archive (${archivedCount()})`}
          onClick={() => openDialog({ kind: 'archive' })}
        >
          <ArchiveIcon /> <span class="footer-label">Archive ({archivedCount()})</span>
        </button>
      </div>
    </nav>
  )
}
