// Bookmarks as round tiles: the selected group's, pinned first, or (without a group) a tag's across spaces.
// A tile is a real link, so a click opens the site in this tab and Ctrl/Cmd/middle click in a new one.
import { A } from '@solidjs/router'
import { createMemo, createSignal, For, onMount, Show } from 'solid-js'
import { LIMITS } from '../../../../model/limits'
import { cutText } from '../../../../model/text'
import { checkUrl, titleFromUrl } from '../../../../model/url'
import { createBookmark, reorder, stepOrder, updateBookmark } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Bookmark } from '../../store/types'
import { currentDrag, draggable, dropOrder } from '../../ui/drag'
import { isGridKey, nextTile } from '../../ui/grid-keys'
import { PinIcon, PlusIcon } from '../../ui/icons'
import { Menu } from '../../ui/menu'
import { enableIcons, SiteIcon } from '../../ui/site-icon'
import { showError } from '../../ui/toast'
import { openDialog } from '../../view-state'
import { archive } from '../archive/archive-with-undo'
import { confirmDelete } from '../delete/confirm-delete'
import { needsTabs, openUrl } from './open-url'

let marked = false

/** Makes an element accept links dropped from other pages or apps (not the page's own drags). */
function acceptLinks(el: HTMLElement, onLink: (link: { url: string; title: string }) => void): void {
  const isLink = (event: DragEvent) => !currentDrag() && !!event.dataTransfer?.types.includes('text/uri-list')
  el.addEventListener('dragover', (event) => {
    if (!isLink(event)) return
    event.preventDefault()
    el.classList.add('drop-into')
  })
  el.addEventListener('dragleave', (event) => {
    if (!el.contains(event.relatedTarget as Node | null)) el.classList.remove('drop-into')
  })
  el.addEventListener('drop', (event) => {
    el.classList.remove('drop-into')
    if (!isLink(event) || !event.dataTransfer) return
    event.preventDefault()
    const url = event.dataTransfer
      .getData('text/uri-list')
      .split(/\r?\n/)
      .find((line) => line && !line.startsWith('#'))
    const html = event.dataTransfer.getData('text/html')
    const title = html
      ? (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').trim()
      : ''
    if (url) onLink({ url, title })
  })
}

/** The tile's tags: the first two as links to their tag's page, then how many more. */
function TileTags(props: { tags: string[] }) {
  return (
    <Show when={props.tags.length > 0}>
      <span class="tile-tags">
        <For each={props.tags.slice(0, 2)}>
          {(tag) => <A href={`/tag/${encodeURIComponent(tag)}`}>#{tag}</A>}
        </For>
        <Show when={props.tags.length > 2}>
          <span>+{props.tags.length - 2}</span>
        </Show>
      </span>
    </Show>
  )
}

/** With `groupId`, the group's own grid (ordering, adding, dropping links); without, a read-only list. */
export function BookmarkGrid(props: { groupId?: string; bookmarks: Bookmark[] }) {
  const store = useStore()
  const ids = () => props.bookmarks.map((b) => b.id)
  const addDroppedLink = (groupId: string, link: { url: string; title: string }) => {
    const checked = checkUrl(link.url)
    if (!checked.ok) return showError(`Not added: ${checked.error}`)
    createBookmark(store, groupId, {
      url: checked.url,
      title: cutText(link.title, LIMITS.title) || titleFromUrl(checked.url)
    })
  }
  const step = (bookmark: Bookmark, delta: number) => {
    const next = stepOrder(ids(), bookmark.id, delta)
    if (next && props.groupId) void reorder(store, 'bookmark', props.groupId, next)
  }
  const where = (b: Bookmark) =>
    props.groupId
      ? ''
      : `${store.state.spaces[b.spaceId]?.name ?? ''} › ${store.state.groups[b.groupId]?.name ?? ''}`
  onMount(() => {
    // The benchmark's finish line: the first time the current group's tiles are in the document.
    if (!marked) {
      marked = true
      performance.mark('bookmarks-visible')
      setTimeout(enableIcons, 0)
    }
  })

  // One Tab stop for the whole grid (the tile last focused, or the first); arrows move between tiles.
  const [current, setCurrent] = createSignal<string | undefined>()
  const tabStop = createMemo(() => {
    const at = current()
    return at && props.bookmarks.some((b) => b.id === at) ? at : props.bookmarks[0]?.id
  })
  let grid!: HTMLUListElement

  return (
    <>
      <ul
        class="grid"
        aria-label="Bookmarks"
        ref={(el) => {
          grid = el
          acceptLinks(el, (link) => {
            if (props.groupId) addDroppedLink(props.groupId, link)
          })
        }}
      >
        <For each={props.bookmarks}>
          {(bookmark) => {
            let openMenu: ((x: number, y: number) => void) | undefined
            return (
              <li
                class="tile"
                data-bookmark-id={bookmark.id}
                draggable="true"
                onContextMenu={(event) => {
                  event.preventDefault()
                  openMenu?.(event.clientX, event.clientY)
                }}
                ref={(el) => {
                  // Dragged out of the page, a tile carries its address, as a link does.
                  el.addEventListener('dragstart', (event) =>
                    event.dataTransfer?.setData('text/uri-list', bookmark.url)
                  )
                  draggable(el, () => ({
                    item: { entity: 'bookmark', id: bookmark.id },
                    accepts: (drag) => (drag.entity === 'bookmark' && props.groupId ? 'sort' : undefined),
                    onDrop: (drag, position) => {
                      if (!props.groupId || store.state.bookmarks[drag.id]?.groupId !== props.groupId) return
                      void reorder(
                        store,
                        'bookmark',
                        props.groupId,
                        dropOrder(ids(), drag.id, bookmark.id, position)
                      )
                    }
                  }))
                }}
              >
                <a
                  class="tile-link"
                  href={bookmark.url}
                  title={[
                    bookmark.title,
                    bookmark.url,
                    bookmark.description,
                    bookmark.tags.map((t) => `#${t}`).join(' '),
                    where(bookmark)
                  ]
                    .filter(Boolean)
                    .join('\n')}
                  draggable="false"
                  onClick={(event) => {
                    // A page cannot follow a link to chrome://, file:// or about: (see open-url.ts).
                    if (!needsTabs(bookmark.url)) return
                    event.preventDefault()
                    openUrl(bookmark.url, event.ctrlKey || event.metaKey || event.shiftKey)
                  }}
                  onAuxClick={(event) => {
                    if (event.button !== 1 || !needsTabs(bookmark.url)) return
                    event.preventDefault()
                    openUrl(bookmark.url, true)
                  }}
                  tabIndex={tabStop() === bookmark.id ? 0 : -1}
                  onFocus={() => setCurrent(bookmark.id)}
                  onKeyDown={(event) => {
                    if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
                      event.preventDefault()
                      step(bookmark, event.key === 'ArrowLeft' ? -1 : 1)
                      queueMicrotask(() =>
                        document.querySelector<HTMLElement>(`[data-bookmark-id="${bookmark.id}"] a`)?.focus()
                      )
                    } else if (isGridKey(event)) {
                      event.preventDefault()
                      const links = Array.from(
                        grid.querySelectorAll<HTMLElement>('[data-bookmark-id] .tile-link')
                      )
                      nextTile(links, event.currentTarget, event.key)?.focus()
                    } else if (event.key === 'Delete') {
                      event.preventDefault()
                      confirmDelete(store, 'bookmark', bookmark.id, bookmark.title)
                    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
                      event.preventDefault()
                      const r = event.currentTarget.getBoundingClientRect()
                      openMenu?.(r.left + r.width / 2, r.top + r.height / 2)
                    }
                  }}
                >
                  <SiteIcon title={bookmark.title} url={bookmark.url} />
                  <span class="tile-title">{bookmark.title}</span>
                </a>
                <TileTags tags={bookmark.tags} />
                <Show when={bookmark.isPinned}>
                  <span class="pin" title="Pinned">
                    <PinIcon />
                  </span>
                </Show>
                <Menu
                  label={`Bookmark ${bookmark.title} actions`}
                  tabbable={false}
                  onContext={(open) => {
                    openMenu = open
                  }}
                  items={[
                    {
                      label: 'Edit',
                      run: () => openDialog({ kind: 'bookmark', groupId: bookmark.groupId, bookmark })
                    },
                    {
                      label: bookmark.isPinned ? 'Unpin' : 'Pin to the front',
                      run: () => updateBookmark(store, bookmark.id, { isPinned: !bookmark.isPinned })
                    },
                    ...(props.groupId
                      ? [
                          { label: 'Move left', run: () => step(bookmark, -1) },
                          { label: 'Move right', run: () => step(bookmark, 1) }
                        ]
                      : []),
                    {
                      label: 'Move to group…',
                      run: () => openDialog({ kind: 'move', entity: 'bookmark', id: bookmark.id })
                    },
                    { label: 'Archive', run: () => archive(store, 'bookmark', bookmark.id, bookmark.title) },
                    {
                      label: 'Delete',
                      danger: true,
                      run: () => confirmDelete(store, 'bookmark', bookmark.id, bookmark.title)
                    }
                  ]}
                />
              </li>
            )
          }}
        </For>
        <Show when={props.groupId}>
          {(groupId) => (
            <li class="tile">
              <button
                type="button"
                class="add-tile"
                onClick={() => openDialog({ kind: 'bookmark', groupId: groupId() })}
              >
                <span class="add-circle">
                  <PlusIcon size={22} />
                </span>
                <span class="tile-title">New bookmark</span>
              </button>
            </li>
          )}
        </Show>
      </ul>
      <Show when={props.groupId && props.bookmarks.length === 0}>
        <p class="grid-hint">
          This group is empty. Add a bookmark, drop a link here from another page, or{' '}
          <button type="button" class="link-button" onClick={() => openDialog({ kind: 'import' })}>
            import the bookmarks you already have
          </button>
          .
        </p>
      </Show>
    </>
  )
}
