// What an import will do before it does it (where each folder goes, what is skipped), then what it did,
// with links to the spaces it filled.
import { useNavigate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { unwrap } from 'solid-js/store'
import { useStore } from '../../store/data-store'
import { sortedSpaces } from '../../store/selectors'
import { showError } from '../../ui/toast'
import type { ImportFolder } from './folders'
import {
  commitImport,
  type ImportResult,
  type ImportTarget,
  type PlannedSpace,
  planImport,
  type SkippedLink
} from './importer'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
/** Spaces and groups a preview shows before it folds the rest into "and N more". */
const SHOWN = 12

export type ImportSource = {
  name: string
  folders: ImportFolder[]
  /** What the reader found odd but still imports (an unknown status…), said above the counts. */
  notes?: string[]
  /** The target to offer first: `new` for a source of flat lists, which then become groups of one space. */
  target?: 'new' | 'per-folder'
}

export function ImportPreview(props: { source: ImportSource; onCancel: () => void; onDone: () => void }) {
  const store = useStore()
  const navigate = useNavigate()
  const wrapped = () => props.source.folders.some((f) => f.wrapped)
  const [target, setTarget] = createSignal<string>(props.source.target ?? 'per-folder')
  const [progress, setProgress] = createSignal<{ done: number; total: number } | null>(null)
  const [result, setResult] = createSignal<ImportResult | null>(null)

  const targetOf = (value: string): ImportTarget =>
    value === 'per-folder' || value === 'per-wrapper'
      ? { kind: value }
      : value === 'new'
        ? { kind: 'new', name: props.source.name }
        : { kind: 'existing', spaceId: value }
  const plan = createMemo(() => {
    try {
      return planImport(unwrap(store.state), props.source.folders, targetOf(target()))
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  })
  const planned = () => {
    const p = plan()
    return p instanceof Error ? undefined : p
  }

  const run = async () => {
    const p = planImport(unwrap(store.state), props.source.folders, targetOf(target()))
    setProgress({ done: 0, total: p.bookmarks.length })
    try {
      setResult(await commitImport(store, p, (done, total) => setProgress({ done, total })))
    } catch (error) {
      setProgress(null)
      showError(`Import failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const open = (place: PlannedSpace) => {
    navigate(`/space/${place.id}${place.groups[0] ? `/${place.groups[0].id}` : ''}`)
    props.onDone()
  }

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{result() ? 'Imported' : 'Import preview'}</h2>
      <Show
        when={result()}
        fallback={
          <>
            <p>
              <strong>{props.source.name}</strong>:{' '}
              {plural(
                props.source.folders.reduce((n, f) => n + f.links.length, 0),
                'link'
              )}{' '}
              in {plural(props.source.folders.length, 'folder')}.
            </p>
            <label class="field">
              <span>Put them in</span>
              <select
                name="target"
                value={target()}
                onChange={(e) => setTarget(e.currentTarget.value)}
                disabled={progress() !== null}
              >
                <option value="per-folder">A space for each top-level folder</option>
                <Show when={wrapped()}>
                  <option value="per-wrapper">
                    A space for each browser folder (Bookmarks bar, Other bookmarks…)
                  </option>
                </Show>
                <option value="new">A new space, “{props.source.name}”</option>
                <For each={sortedSpaces(store.state)}>
                  {(s) => <option value={s.id}>{`${s.icon} ${s.name}`}</option>}
                </For>
              </select>
            </label>
            <Show when={props.source.notes?.length}>
              <ul aria-label="Notes on the file">
                <For each={props.source.notes}>{(note) => <li>{note}</li>}</For>
              </ul>
            </Show>
            <Show when={planned()} fallback={<p role="alert">{(plan() as Error).message}</p>}>
              {(p) => (
                <>
                  <Places places={p().result.places} />
                  <p>
                    {plural(p().bookmarks.length, 'bookmark')} to add
                    {p().result.duplicates
                      ? `, ${plural(p().result.duplicates, 'duplicate')} already here`
                      : ''}
                    {p().result.invalid ? `, ${p().result.invalid} that cannot be bookmarks` : ''}.
                  </p>
                  <Skipped links={p().result.skipped} />
                </>
              )}
            </Show>
            <Show when={progress()}>
              {(pr) => (
                <div
                  class="progress"
                  role="progressbar"
                  aria-label="Import progress"
                  aria-valuemin={0}
                  aria-valuemax={pr().total}
                  aria-valuenow={pr().done}
                >
                  <div style={{ width: `${pr().total ? (100 * pr().done) / pr().total : 0}%` }} />
                </div>
              )}
            </Show>
            <p style={{ display: 'flex', gap: '8px' }}>
              <button
                type="button"
                class="primary"
                disabled={progress() !== null || !planned()?.bookmarks.length}
                onClick={() => void run()}
              >
                {`Import ${plural(planned()?.bookmarks.length ?? 0, 'bookmark')}`}
              </button>
              <button type="button" class="secondary" disabled={progress() !== null} onClick={props.onCancel}>
                Cancel
              </button>
            </p>
          </>
        }
      >
        {(r) => (
          <div role="status">
            <p>
              Imported {plural(r().added, 'bookmark')} into {plural(r().groups, 'new group')}
              {r().spaces ? ` in ${plural(r().spaces, 'new space')}` : ''}. Skipped{' '}
              {plural(r().duplicates, 'duplicate')}
              {r().invalid ? ` and ${r().invalid} that cannot be bookmarks` : ''}.
            </p>
            <Show when={r().places.length}>
              <p style={{ display: 'flex', gap: '8px', 'flex-wrap': 'wrap' }}>
                <For each={r().places}>
                  {(place) => (
                    <button type="button" class="secondary" onClick={() => open(place)}>
                      {`Open ${place.name}`}
                    </button>
                  )}
                </For>
              </p>
            </Show>
            <Skipped links={r().skipped} />
          </div>
        )}
      </Show>
    </section>
  )
}

/** The spaces and groups an import fills, new ones marked, with how many bookmarks each receives. */
function Places(props: { places: PlannedSpace[] }) {
  return (
    <ul class="import-places" aria-label="Where they go">
      <For each={props.places.slice(0, SHOWN)}>
        {(place) => (
          <li>
            <strong>{place.name}</strong> {place.isNew ? '(new space)' : '(already here)'}
            <ul>
              <For each={place.groups.slice(0, SHOWN)}>
                {(group) => (
                  <li>
                    {group.name}
                    {group.isNew ? '' : ' (already here)'}: {plural(group.bookmarks, 'bookmark')}
                  </li>
                )}
              </For>
              <Show when={place.groups.length > SHOWN}>
                <li>and {plural(place.groups.length - SHOWN, 'more group')}</li>
              </Show>
            </ul>
          </li>
        )}
      </For>
      <Show when={props.places.length > SHOWN}>
        <li>and {plural(props.places.length - SHOWN, 'more space')}</li>
      </Show>
    </ul>
  )
}

/** The links left out, each with its reason, folded away until asked for. */
function Skipped(props: { links: SkippedLink[] }) {
  return (
    <Show when={props.links.length}>
      <details class="skipped">
        <summary>Show what is skipped, and why</summary>
        <ul aria-label="Skipped">
          <For each={props.links}>
            {(link) => (
              <li>
                <strong>{link.title || '(no title)'}</strong> {link.url ? `(${link.url.slice(0, 80)})` : ''}:{' '}
                {link.reason}
              </li>
            )}
          </For>
        </ul>
      </details>
    </Show>
  )
}
