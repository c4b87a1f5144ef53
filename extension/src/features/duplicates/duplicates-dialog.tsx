// Find duplicates (user menu): every link saved more than once with where each copy lives; pick the copy to keep,
// then Merge one set or Merge all, each undone in one step.
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { useStore } from '../../store/data-store'
import type { Bookmark } from '../../store/types'
import { Dialog } from '../../ui/dialog'
import { offerUndo } from '../../ui/undo'
import type { DialogProps, NoFields } from '../../view-state'
import { type DuplicateSet, defaultKeep, findDuplicates, prepareKeys } from './find-duplicates'
import { type MergeChoice, mergeDuplicates } from './merge-duplicates'

declare module '../../view-state' {
  interface DialogFields {
    duplicates: NoFields
  }
}

/** Sets drawn at first and added by each "Show more": a library with thousands of sets builds only these rows. */
const PAGE = 50

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

export function DuplicatesDialog(props: DialogProps<'duplicates'>) {
  const store = useStore()
  // The first look parses every bookmark's URL (hundreds of ms at 50,000): the dialog paints first, the keys are
  // made in slices that leave the page free, and from then on each change re-finds from the cached keys.
  const [ready, setReady] = createSignal(false)
  const closed = new AbortController()
  onMount(() =>
    requestAnimationFrame(() => void prepareKeys(store.snapshot(), closed.signal).then(() => setReady(true)))
  )
  onCleanup(() => closed.abort())
  const sets = createMemo(() => (ready() ? findDuplicates(store.snapshot()) : undefined))
  const [shown, setShown] = createSignal(PAGE)
  /** The copy the person picked per set (by normalised URL); a set without a pick keeps its default. */
  const [picked, setPicked] = createSignal<Record<string, string>>({})
  const keepOf = (set: DuplicateSet) => {
    const id = picked()[set.key]
    return set.bookmarks.some((b) => b.id === id) ? (id as string) : defaultKeep(set).id
  }
  const choice = (set: DuplicateSet): MergeChoice => ({
    keepId: keepOf(set),
    ids: set.bookmarks.map((b) => b.id)
  })

  const where = (b: Bookmark) => {
    const space = store.state.spaces[b.spaceId]
    return `${space ? `${space.icon} ${space.name}` : '?'} › ${store.state.groups[b.groupId]?.name ?? '?'}`
  }
  const archived = (b: Bookmark) =>
    b.isArchived || !!store.state.groups[b.groupId]?.isArchived || !!store.state.spaces[b.spaceId]?.isArchived
  const saved = (b: Bookmark) =>
    new Date(b.createdAt).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })

  let list: HTMLUListElement | undefined
  let close: HTMLButtonElement | undefined
  /** After a merge its rows are gone: focus goes to the set now in their place, so a keyboard user keeps going. */
  const refocus = (index: number) =>
    queueMicrotask(() => {
      const rows = list?.querySelectorAll<HTMLElement>(':scope > li') ?? []
      const row = rows[Math.min(index, rows.length - 1)]
      ;(row?.querySelector<HTMLElement>('input:checked') ?? close)?.focus()
    })
  const merge = (chosen: DuplicateSet[], message: string, index: number) => {
    const undo = mergeDuplicates(store, chosen.map(choice))
    if (!undo) return
    offerUndo(message, undo)
    refocus(index)
  }
  const mergeOne = (set: DuplicateSet, index: number) => {
    const kept = set.bookmarks.find((b) => b.id === keepOf(set))
    merge([set], `Merged ${set.bookmarks.length} copies of “${kept?.title ?? set.key}”`, index)
  }
  const mergeAll = () => {
    const all = sets() ?? []
    const copies = all.reduce((n, set) => n + set.bookmarks.length - 1, 0)
    merge(
      all,
      `Merged ${plural(all.length, 'link', 'links')}: ${plural(copies, 'copy', 'copies')} deleted`,
      0
    )
  }
  const heading = () => {
    const found = sets()
    if (!found) return 'Find duplicates'
    return found.length ? `${plural(found.length, 'URL', 'URLs')} saved more than once` : 'Find duplicates'
  }

  return (
    <Dialog title="Find duplicates" class="duplicates" onClose={props.onClose}>
      <h2>{heading()}</h2>
      <Show when={sets()} fallback={<p role="status">Looking for links saved more than once…</p>}>
        {(found) => (
          <Show when={found().length} fallback={<p role="status">No bookmark is saved twice.</p>}>
            <p class="note">
              Pick the copy to keep: it gets every copy’s tags, and a note if it has none. The others are
              deleted.
            </p>
            <ul class="duplicate-sets" aria-label="Links saved more than once" ref={list}>
              <For each={found().slice(0, shown())}>
                {(set, index) => (
                  <li>
                    <fieldset>
                      <legend>
                        <span class="url">{set.bookmarks[0]?.url}</span>
                        <span class="count">{plural(set.bookmarks.length, 'copy', 'copies')}</span>
                      </legend>
                      <For each={set.bookmarks}>
                        {(b) => (
                          <label class="copy">
                            <input
                              type="radio"
                              name={`keep-${set.key}`}
                              value={b.id}
                              checked={keepOf(set) === b.id}
                              onChange={() => setPicked({ ...picked(), [set.key]: b.id })}
                            />
                            <span class="text">
                              <span class="title">{b.title}</span>
                              <span class="where">
                                {where(b)}
                                {archived(b) ? ' · archived' : ''}
                                {` · saved ${saved(b)}`}
                                {b.tags.length ? ` · ${b.tags.map((t) => `#${t}`).join(' ')}` : ''}
                              </span>
                            </span>
                          </label>
                        )}
                      </For>
                      <button type="button" class="secondary small" onClick={() => mergeOne(set, index())}>
                        Merge
                      </button>
                    </fieldset>
                  </li>
                )}
              </For>
            </ul>
            <Show when={found().length > shown()}>
              <button type="button" class="ghost small" onClick={() => setShown(shown() + PAGE)}>
                {`Show ${Math.min(PAGE, found().length - shown())} more (${plural(found().length - shown(), 'set', 'sets')} not shown)`}
              </button>
            </Show>
          </Show>
        )}
      </Show>
      <div class="actions">
        <Show when={sets()?.length}>
          <button type="button" class="primary" onClick={mergeAll}>
            Merge all
          </button>
        </Show>
        <button type="button" class="secondary" ref={close} onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}

export default DuplicatesDialog
