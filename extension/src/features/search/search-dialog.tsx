// The search palette (/ or Ctrl+K): results as you type, arrows move, Enter opens, Ctrl/Cmd+Enter in a new tab.
import { createMemo, createSignal, For, Show } from 'solid-js'
import { useStore } from '../../store/data-store'
import { Dialog } from '../../ui/dialog'
import { SiteIcon } from '../../ui/site-icon'
import type { DialogProps, NoFields } from '../../view-state'
import { openUrl } from '../bookmarks/open-url'
import { searchBookmarks } from './search'

declare module '../../view-state' {
  interface DialogFields {
    search: NoFields
  }
}

export function SearchDialog(props: DialogProps<'search'>) {
  const store = useStore()
  const [query, setQuery] = createSignal('')
  const [selected, setSelected] = createSignal(0)
  const hits = createMemo(() => searchBookmarks(store.snapshot(), query()))
  const where = (spaceId: string, groupId: string) => {
    const space = store.state.spaces[spaceId]
    return `${space?.icon ?? ''} ${space?.name ?? ''} › ${store.state.groups[groupId]?.name ?? ''}`
  }
  const open = (index: number, newTab: boolean) => {
    const hit = hits()[index]
    if (!hit) return
    if (!newTab) props.onClose()
    openUrl(hit.bookmark.url, newTab)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const count = hits().length
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault()
      setSelected((selected() + 1) % count)
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault()
      setSelected((selected() - 1 + count) % count)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      open(selected(), event.ctrlKey || event.metaKey)
    }
  }
  return (
    <Dialog title="Search bookmarks" class="search" onClose={props.onClose}>
      <input
        type="search"
        aria-label="Search bookmarks"
        placeholder="Search titles, addresses and notes…"
        value={query()}
        onInput={(e) => {
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
            {query().trim()
              ? 'No bookmark matches.'
              : '↑↓ to move · Enter to open · Ctrl+Enter for a new tab'}
          </div>
        }
      >
        <div class="results" id="search-results" role="listbox" aria-label="Results">
          <For each={hits()}>
            {(hit, index) => (
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
                <SiteIcon title={hit.bookmark.title} url={hit.bookmark.url} />
                <span class="text">
                  <span>
                    {hit.bookmark.title}
                    {hit.bookmark.isArchived ? ' (archived)' : ''}
                  </span>
                  <span class="url">
                    {hit.bookmark.url}
                    {hit.bookmark.tags.length
                      ? `  ·  ${hit.bookmark.tags.map((t) => `#${t}`).join(' ')}`
                      : ''}
                  </span>
                </span>
                <span class="where">{where(hit.bookmark.spaceId, hit.bookmark.groupId)}</span>
              </div>
            )}
          </For>
        </div>
      </Show>
    </Dialog>
  )
}

export default SearchDialog
