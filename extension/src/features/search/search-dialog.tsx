// The search palette (/ or Ctrl+K): bookmarks, groups and spaces as you type, the words found marked; arrows move,
// Enter opens, Ctrl/Cmd+Enter opens a bookmark in a new tab.
import { useNavigate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { useStore } from '../../store/data-store'
import { Dialog } from '../../ui/dialog'
import { FolderIcon } from '../../ui/icons'
import { SiteIcon } from '../../ui/site-icon'
import { type DialogProps, type NoFields, openDialog } from '../../view-state'
import { openUrl } from '../bookmarks/open-url'
import { highlight, queryWords, type SearchHit, type SearchResult, searchIndexOf } from './search'

declare module '../../view-state' {
  interface DialogFields {
    search: NoFields
  }
}

const NO_RESULT: SearchResult = { hits: [], total: 0 }

/** A result row's height (styles.css `.results [role="option"]`): the list renders only the rows in view. */
const ROW = 52
/** Rows rendered beyond the view on each side. */
const OVERSCAN = 3

const entityOf = (hit: SearchHit) =>
  hit.kind === 'bookmark' ? hit.bookmark : hit.kind === 'group' ? hit.group : hit.space

/** `text` with the query's words marked. */
function Marked(props: { text: string; words: string[] }) {
  return (
    <For each={highlight(props.text, props.words)}>
      {(piece) => (piece.match ? <mark>{piece.text}</mark> : piece.text)}
    </For>
  )
}

export function SearchDialog(props: DialogProps<'search'>) {
  const store = useStore()
  const navigate = useNavigate()
  const [query, setQuery] = createSignal('')
  const [selected, setSelected] = createSignal(0)
  const words = createMemo(() => queryWords(query()))
  const result = createMemo(() => {
    const data = store.snapshot()
    return words().length > 0 ? searchIndexOf(store).search(data, query()) : NO_RESULT
  })
  // The index is built once per page and reads every bookmark (a few hundred ms at 50,000 on a busy machine): the
  // box is painted first, and the index is built right after, or by a keystroke that comes sooner.
  requestAnimationFrame(() => setTimeout(() => searchIndexOf(store), 0))
  // A bookmark, group or space still listed after a keystroke keeps its hit, and so its row: only new rows are
  // built (typing "site" after "s" rebuilds none).
  const hits = createMemo<SearchHit[]>((shown) => {
    const kept = new Map(shown.map((hit) => [entityOf(hit), hit]))
    return result().hits.map((hit) => kept.get(entityOf(hit)) ?? hit)
  }, [])
  // Only the rows in view (and a few more) are in the DOM: a keystroke lays out and draws about ten rows, not 50.
  let list: HTMLDivElement | undefined
  const [scrollTop, setScrollTop] = createSignal(0)
  // The list's most (styles.css `.results`, max-height: 50vh): never measured, so a keystroke forces no layout.
  const viewHeight = () => Math.round(window.innerHeight / 2)
  const range = createMemo(() => {
    const count = hits().length
    const start = Math.max(0, Math.floor(scrollTop() / ROW) - OVERSCAN)
    return { start, end: Math.min(count, Math.ceil((scrollTop() + viewHeight()) / ROW) + OVERSCAN) }
  })
  const shown = createMemo(() => hits().slice(range().start, range().end))
  const attachList = (el: HTMLDivElement) => {
    list = el
    setScrollTop(0)
  }
  /** Scrolls the list so that row `index` is in view (the arrow keys move past the rendered rows). */
  const reveal = (index: number) => {
    if (!list) return
    // The list's own padding is above the first row and below the last (read on a key press only).
    const pad = Number.parseFloat(getComputedStyle(list).paddingTop) || 0
    const top = index * ROW
    const height = (list.clientHeight || viewHeight()) - 2 * pad
    if (top < list.scrollTop) list.scrollTop = top
    else if (top + ROW > list.scrollTop + height) list.scrollTop = top + ROW - height
    setScrollTop(list.scrollTop)
  }
  const spaceLabel = (spaceId: string) => {
    const space = store.state.spaces[spaceId]
    return `${space?.icon ?? ''} ${space?.name ?? ''}`
  }
  const where = (spaceId: string, groupId: string) =>
    `${spaceLabel(spaceId)} › ${store.state.groups[groupId]?.name ?? ''}`
  const open = (index: number, newTab: boolean) => {
    const hit = hits()[index]
    if (!hit) return
    if (hit.kind === 'bookmark') {
      if (!newTab) props.onClose()
      openUrl(hit.bookmark.url, newTab)
      return
    }
    const item = hit.kind === 'group' ? hit.group : hit.space
    // An archived space or group is opened from the archive, where it can be restored.
    if (item.isArchived) return openDialog({ kind: 'archive' })
    props.onClose()
    navigate(hit.kind === 'group' ? `/space/${hit.group.spaceId}/${hit.group.id}` : `/space/${hit.space.id}`)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const count = hits().length
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault()
      setSelected((selected() + 1) % count)
      reveal(selected())
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault()
      setSelected((selected() - 1 + count) % count)
      reveal(selected())
    } else if (event.key === 'Enter') {
      event.preventDefault()
      open(selected(), event.ctrlKey || event.metaKey)
    }
  }
  const row = (hit: SearchHit) => {
    if (hit.kind === 'bookmark')
      return (
        <>
          <SiteIcon title={hit.bookmark.title} url={hit.bookmark.url} />
          <span class="text">
            <span>
              <Marked text={hit.bookmark.title} words={words()} />
              {hit.bookmark.isArchived ? ' (archived)' : ''}
            </span>
            <span class="url">
              <Marked text={hit.bookmark.url} words={words()} />
              {hit.bookmark.tags.length ? `  ·  ${hit.bookmark.tags.map((t) => `#${t}`).join(' ')}` : ''}
            </span>
          </span>
          <span class="where">{where(hit.bookmark.spaceId, hit.bookmark.groupId)}</span>
        </>
      )
    const item = hit.kind === 'group' ? hit.group : hit.space
    return (
      <>
        <span class="tile-icon result-kind" aria-hidden="true">
          {item.icon ?? <FolderIcon size={16} />}
        </span>
        <span class="text">
          <span>
            <Marked text={item.name} words={words()} />
            {item.isArchived ? ' (archived)' : ''}
          </span>
          <span class="url">{hit.kind === 'group' ? 'Group' : 'Space'}</span>
        </span>
        <span class="where">{hit.kind === 'group' ? spaceLabel(hit.group.spaceId) : ''}</span>
      </>
    )
  }
  return (
    <Dialog title="Search bookmarks" class="search" onClose={props.onClose}>
      <input
        type="search"
        aria-label="Search bookmarks"
        placeholder="Search bookmarks, groups and spaces…"
        value={query()}
        onInput={(e) => {
          // The list's scroll as last seen (its own signal): reading the element's would force a layout.
          if (list && scrollTop() !== 0) list.scrollTop = 0
          setScrollTop(0)
          setQuery(e.currentTarget.value)
          setSelected(0)
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={hits().length > 0}
        aria-controls="search-results"
      />
      <Show
        when={hits().length}
        fallback={
          <div class="hint">
            {query().trim() ? 'Nothing matches.' : '↑↓ to move · Enter to open · Ctrl+Enter for a new tab'}
          </div>
        }
      >
        <div
          class="results"
          id="search-results"
          role="listbox"
          aria-label="Results"
          ref={attachList}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <div
            class="results-window"
            role="presentation"
            style={{
              'padding-top': `${range().start * ROW}px`,
              'padding-bottom': `${(hits().length - range().end) * ROW}px`
            }}
          >
            <For each={shown()}>
              {(hit, i) => {
                const index = () => range().start + i()
                return (
                  <div
                    role="option"
                    tabIndex={-1}
                    aria-selected={selected() === index()}
                    onMouseMove={() => setSelected(index())}
                    onMouseDown={(event) => {
                      event.preventDefault()
                      open(index(), event.ctrlKey || event.metaKey || event.button === 1)
                    }}
                  >
                    {row(hit)}
                  </div>
                )
              }}
            </For>
          </div>
        </div>
        <Show when={result().total > hits().length}>
          <div class="hint" role="status">
            {`The best ${hits().length} of ${result().total} matches; type more to narrow them.`}
          </div>
        </Show>
      </Show>
    </Dialog>
  )
}

export default SearchDialog
