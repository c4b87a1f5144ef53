// Bookmarks as round tiles: the selected group's, pinned first, or (without a group) a tag's across spaces.
// A tile is a real link, so a click opens the site in this tab and Ctrl/Cmd/middle click in a new one. Past a few
// hundred tiles the grid is windowed (ui/virtual-grid.ts): only the rows in view are in the DOM.
import { A } from '@solidjs/router'
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { LIMITS } from '../../../../model/limits'
import { cutText } from '../../../../model/text'
import { checkUrl, titleFromUrl } from '../../../../model/url'
import { createBookmark, reorder, stepOrder, updateBookmark } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Bookmark } from '../../store/types'
import { currentDrag, draggable, dropOrder } from '../../ui/drag'
import { isGridKey, nextIndex } from '../../ui/grid-keys'
import { PinIcon, PlusIcon } from '../../ui/icons'
import { Menu } from '../../ui/menu'
import { enableIcons, SiteIcon } from '../../ui/site-icon'
import { showError } from '../../ui/toast'
import { afterFirstPaint, createGridWindow, gridColumns } from '../../ui/virtual-grid'
import { openDialog } from '../../view-state'
import { archive } from '../archive/archive-with-undo'
import { confirmDelete } from '../delete/confirm-delete'
import { needsTabs, openUrl } from './open-url'

/** Grids longer than this are windowed; shorter ones render every tile and size their rows to fit. */
export const WINDOWED_ABOVE = 200
/** The first tiles' titles carry `elementtiming`: the benchmark times their paint (bench/newtab.ts). */
const TIMED_TILES = 8

// What a tile needs only once a person reaches for it, its favicon and its ⋯ menu, comes once the first tiles are
// on screen: a screenful of tiles then paints about as soon as a short group's.
const [interactive, setInteractive] = createSignal(false)
let interactiveSoon = false

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

type TileProps = {
  bookmark: Bookmark
  /** The tile's place in the whole list (not in the rendered window). */
  index: number
  groupId?: string
  /** Where the bookmark lives, for its tooltip on a page across groups. */
  where: string
  tabbable: boolean
  onFocus: () => void
  /** Registers how to open the tile's menu at a point (right-click, the keyboard's menu key). */
  onMenu: (open: ((x: number, y: number) => void) | undefined) => void
  onDrop: (draggedId: string, position: 'before' | 'after' | 'into') => void
  step: (delta: number) => void
}

function Tile(props: TileProps) {
  const store = useStore()
  let openMenu: ((x: number, y: number) => void) | undefined
  onCleanup(() => props.onMenu(undefined))
  const bookmark = () => props.bookmark
  return (
    <li
      class="tile"
      data-bookmark-id={bookmark().id}
      draggable="true"
      onContextMenu={(event) => {
        event.preventDefault()
        openMenu?.(event.clientX, event.clientY)
      }}
      ref={(el) => {
        // Dragged out of the page, a tile carries its address, as a link does.
        el.addEventListener('dragstart', (event) =>
          event.dataTransfer?.setData('text/uri-list', bookmark().url)
        )
        draggable(el, () => ({
          item: { entity: 'bookmark', id: bookmark().id },
          accepts: (drag) => (drag.entity === 'bookmark' && props.groupId ? 'sort' : undefined),
          onDrop: (drag, position) => props.onDrop(drag.id, position)
        }))
      }}
    >
      <a
        class="tile-link"
        href={bookmark().url}
        title={[
          bookmark().title,
          bookmark().url,
          bookmark().description,
          bookmark()
            .tags.map((t) => `#${t}`)
            .join(' '),
          props.where
        ]
          .filter(Boolean)
          .join('\n')}
        draggable="false"
        onClick={(event) => {
          // A page cannot follow a link to chrome://, file:// or about: (see open-url.ts).
          if (!needsTabs(bookmark().url)) return
          event.preventDefault()
          openUrl(bookmark().url, event.ctrlKey || event.metaKey || event.shiftKey)
        }}
        onAuxClick={(event) => {
          if (event.button !== 1 || !needsTabs(bookmark().url)) return
          event.preventDefault()
          openUrl(bookmark().url, true)
        }}
        tabIndex={props.tabbable ? 0 : -1}
        onFocus={() => props.onFocus()}
      >
        <SiteIcon title={bookmark().title} url={bookmark().url} />
        <span class="tile-title" elementtiming={props.index < TIMED_TILES ? 'bookmark-tile' : undefined}>
          {bookmark().title}
        </span>
      </a>
      <TileTags tags={bookmark().tags} />
      <Show when={bookmark().isPinned}>
        <span class="pin" title="Pinned">
          <PinIcon />
        </span>
      </Show>
      <Show when={interactive()}>
        <Menu
          label={`Bookmark ${bookmark().title} actions`}
          tabbable={false}
          onContext={(open) => {
            openMenu = open
            props.onMenu(open)
          }}
          items={[
            {
              label: 'Edit',
              run: () => openDialog({ kind: 'bookmark', groupId: bookmark().groupId, bookmark: bookmark() })
            },
            {
              label: bookmark().isPinned ? 'Unpin' : 'Pin to the front',
              run: () => updateBookmark(store, bookmark().id, { isPinned: !bookmark().isPinned })
            },
            ...(props.groupId
              ? [
                  { label: 'Move left', run: () => props.step(-1) },
                  { label: 'Move right', run: () => props.step(1) }
                ]
              : []),
            {
              label: 'Move to group…',
              run: () => openDialog({ kind: 'move', entity: 'bookmark', id: bookmark().id })
            },
            { label: 'Archive', run: () => archive(store, 'bookmark', bookmark().id, bookmark().title) },
            {
              label: 'Delete',
              danger: true,
              run: () => confirmDelete(store, 'bookmark', bookmark().id, bookmark().title)
            }
          ]}
        />
      </Show>
    </li>
  )
}

/** With `groupId`, the group's own grid (ordering, adding, dropping links); without, a read-only list. */
export function BookmarkGrid(props: { groupId?: string; bookmarks: Bookmark[] }) {
  const store = useStore()
  // Read once per change: a parent's list is often a getter that builds a new array on every read.
  const bookmarks = createMemo(() => props.bookmarks)
  const ids = createMemo(() => bookmarks().map((b) => b.id))
  const indexOf = createMemo(() => new Map(ids().map((id, i) => [id, i])))
  const addDroppedLink = (groupId: string, link: { url: string; title: string }) => {
    const checked = checkUrl(link.url)
    if (!checked.ok) return showError(`Not added: ${checked.error}`)
    createBookmark(store, groupId, {
      url: checked.url,
      title: cutText(link.title, LIMITS.title) || titleFromUrl(checked.url)
    })
  }
  const where = (b: Bookmark) =>
    props.groupId
      ? ''
      : `${store.state.spaces[b.spaceId]?.name ?? ''} › ${store.state.groups[b.groupId]?.name ?? ''}`
  onMount(() => {
    if (interactiveSoon) return
    interactiveSoon = true
    afterFirstPaint(() => {
      setInteractive(true)
      enableIcons()
    })
  })

  // One Tab stop for the whole grid (the tile last focused, or the first); arrows move between tiles.
  const [current, setCurrent] = createSignal<string | undefined>()
  const tabStop = createMemo(() => {
    const at = current()
    return at && indexOf().has(at) ? at : bookmarks()[0]?.id
  })
  let grid!: HTMLUListElement
  const menus = new Map<string, (x: number, y: number) => void>()

  // The "New bookmark" tile is the last item, so it shows once the window reaches the end.
  const count = () => bookmarks().length + (props.groupId ? 1 : 0)
  const win = createGridWindow({
    count,
    enabled: () => bookmarks().length > WINDOWED_ABOVE,
    // A focused tile about to scroll out of the window would take the focus with it: the grid holds it instead,
    // and the arrow keys carry on from that tile.
    beforeChange: (next) => {
      const focused = document.activeElement?.closest('[data-bookmark-id]')?.getAttribute('data-bookmark-id')
      const at = focused ? indexOf().get(focused) : undefined
      if (at !== undefined && (at < next.start || at >= next.end)) grid.focus({ preventScroll: true })
    }
  })
  const shown = createMemo(() => bookmarks().slice(win.start(), Math.min(win.end(), bookmarks().length)))
  const tabStopShown = () => {
    const at = indexOf().get(tabStop() ?? '')
    return at !== undefined && at >= win.start() && at < win.end()
  }

  /** Focuses tile `index`, rendering it first when it is outside the window (focusing scrolls it into view). */
  const focusIndex = (index: number) => {
    const id = bookmarks()[index]?.id
    if (!id) return
    win.reveal(index)
    const tile = [...grid.querySelectorAll<HTMLElement>('[data-bookmark-id]')].find(
      (el) => el.dataset.bookmarkId === id
    )
    tile?.querySelector<HTMLElement>('.tile-link')?.focus()
  }
  const step = (bookmark: Bookmark, delta: number) => {
    const next = stepOrder(ids(), bookmark.id, delta)
    if (next && props.groupId) void reorder(store, 'bookmark', props.groupId, next)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement
    const link = target.closest<HTMLElement>('.tile-link')
    // Keys on a tile's link, or on the grid holding the focus for a tile scrolled away; menus and tag links
    // inside tiles keep their own.
    if (!link && target !== grid) return
    const id = link ? link.closest('[data-bookmark-id]')?.getAttribute('data-bookmark-id') : tabStop()
    const at = id ? indexOf().get(id) : undefined
    const bookmark = at === undefined ? undefined : bookmarks()[at]
    if (at === undefined || !bookmark) return
    if (link && event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault()
      step(bookmark, event.key === 'ArrowLeft' ? -1 : 1)
      queueMicrotask(() => focusIndex(indexOf().get(bookmark.id) ?? at))
    } else if (isGridKey(event)) {
      event.preventDefault()
      const next = nextIndex(at, bookmarks().length, gridColumns(grid) || win.columns(), event.key)
      if (next !== undefined) focusIndex(next)
      else if (!link) focusIndex(at)
    } else if (!link) {
      return
    } else if (event.key === 'Delete') {
      event.preventDefault()
      confirmDelete(store, 'bookmark', bookmark.id, bookmark.title)
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault()
      const r = link.getBoundingClientRect()
      menus.get(bookmark.id)?.(r.left + r.width / 2, r.top + r.height / 2)
    }
  }

  return (
    <>
      <ul
        class="grid"
        classList={{ windowed: win.enabled() }}
        aria-label="Bookmarks"
        // Windowed, the grid itself holds the focus while the focused tile is scrolled out of the window, and is
        // the Tab stop then.
        tabIndex={win.enabled() ? (tabStopShown() ? -1 : 0) : undefined}
        style={
          win.enabled()
            ? { 'padding-top': `${win.padTop()}px`, 'padding-bottom': `${win.padBottom()}px` }
            : undefined
        }
        onKeyDown={onKeyDown}
        ref={(el) => {
          grid = el
          win.attach(el)
          acceptLinks(el, (link) => {
            if (props.groupId) addDroppedLink(props.groupId, link)
          })
        }}
      >
        <For each={shown()}>
          {(bookmark, i) => (
            <Tile
              bookmark={bookmark}
              index={win.start() + i()}
              groupId={props.groupId}
              where={where(bookmark)}
              tabbable={tabStop() === bookmark.id}
              onFocus={() => setCurrent(bookmark.id)}
              onMenu={(open) => {
                if (open) menus.set(bookmark.id, open)
                else menus.delete(bookmark.id)
              }}
              onDrop={(draggedId, position) => {
                if (!props.groupId || store.state.bookmarks[draggedId]?.groupId !== props.groupId) return
                void reorder(
                  store,
                  'bookmark',
                  props.groupId,
                  dropOrder(ids(), draggedId, bookmark.id, position)
                )
              }}
              step={(delta) => step(bookmark, delta)}
            />
          )}
        </For>
        <Show when={props.groupId && win.end() >= count() ? props.groupId : undefined}>
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
      <Show when={props.groupId && bookmarks().length === 0}>
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
