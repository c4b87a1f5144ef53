// Import from Chrome or a bookmarks file into a chosen space, with progress; export as HTML or JSON.
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js'
import { unwrap } from 'solid-js/store'
import { useStore } from '../../store/data-store'
import { sortedSpaces } from '../../store/selectors'
import { Dialog } from '../../ui/dialog'
import { showError } from '../../ui/toast'
import type { DialogProps, NoFields } from '../../view-state'
import { canReadChromeBookmarks, readChromeBookmarks } from './chrome-bookmarks'
import type { ImportFolder } from './folders'
import { type ImportResult, type ImportTarget, importFolders } from './importer'
import { parseJsonExport, parseNetscape, toJson, toNetscape } from './netscape'

export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const stamp = () => new Date().toISOString().slice(0, 10)

declare module '../../view-state' {
  interface DialogFields {
    import: NoFields
  }
}

export default function ImportDialog(props: DialogProps<'import'>) {
  const store = useStore()
  const spaces = createMemo(() => sortedSpaces(store.state))
  const [target, setTarget] = createSignal<string>('per-folder')
  const [progress, setProgress] = createSignal<{ done: number; total: number } | null>(null)
  const [result, setResult] = createSignal<ImportResult | null>(null)
  const busy = () => progress() !== null && result() === null

  const targetOf = (source: string): ImportTarget => {
    const value = target()
    if (value === 'per-folder') return { kind: 'per-folder' }
    if (value === 'new') return { kind: 'new', name: source }
    return { kind: 'existing', spaceId: value }
  }

  const run = async (source: string, read: () => Promise<ImportFolder[]>) => {
    setResult(null)
    setProgress({ done: 0, total: 0 })
    try {
      const folders = await read()
      const outcome = await importFolders(store, folders, targetOf(source), (done, total) =>
        setProgress({ done, total })
      )
      setResult(outcome)
    } catch (error) {
      setProgress(null)
      showError(`Import failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const onFile = (event: Event & { currentTarget: HTMLInputElement }) => {
    const file = event.currentTarget.files?.[0]
    event.currentTarget.value = ''
    if (!file) return
    void run(file.name.replace(/\.(html?|json)$/i, ''), async () => {
      const text = await file.text()
      const folders = /\.json$/i.test(file.name) ? parseJsonExport(text) : parseNetscape(text)
      if (folders.length === 0) throw new Error('no bookmarks found in this file')
      return folders
    })
  }

  return (
    <Dialog title="Import and export" onClose={props.onClose}>
      <h2>Import bookmarks</h2>
      <label class="field">
        <span>Put them in</span>
        <select
          name="target"
          value={target()}
          onChange={(e) => setTarget(e.currentTarget.value)}
          disabled={busy()}
        >
          <option value="per-folder">A space for each top-level folder</option>
          <option value="new">A new space</option>
          <For each={spaces()}>{(s) => <option value={s.id}>{`${s.icon} ${s.name}`}</option>}</For>
        </select>
      </label>
      <p style={{ display: 'flex', gap: '8px', 'flex-wrap': 'wrap' }}>
        <Show when={canReadChromeBookmarks()}>
          <button
            type="button"
            class="primary"
            disabled={busy()}
            onClick={() => void run('Chrome bookmarks', readChromeBookmarks)}
          >
            Import Chrome bookmarks
          </button>
        </Show>
        <label class="secondary" style={{ cursor: 'pointer' }}>
          Import a file (HTML or JSON)…
          <input
            type="file"
            name="file"
            accept=".html,.htm,.json,text/html,application/json"
            class="sr-only"
            disabled={busy()}
            onChange={onFile}
          />
        </label>
      </p>
      <Show when={progress()}>
        {(p) => (
          <div>
            <div
              class="progress"
              role="progressbar"
              aria-label="Import progress"
              aria-valuemin={0}
              aria-valuemax={p().total}
              aria-valuenow={p().done}
            >
              <div style={{ width: `${p().total ? (100 * p().done) / p().total : 0}%` }} />
            </div>
            <Switch>
              <Match when={result()}>
                {(r) => (
                  <div role="status">
                    Imported {r().added} bookmark{r().added === 1 ? '' : 's'} into {r().groups} new group
                    {r().groups === 1 ? '' : 's'}. Skipped {r().duplicates} duplicate
                    {r().duplicates === 1 ? '' : 's'}
                    {r().invalid ? ` and ${r().invalid} that cannot be bookmarks` : ''}.
                    <Show when={r().skipped.length}>
                      <details class="skipped">
                        <summary>Show what was skipped, and why</summary>
                        <ul aria-label="Skipped">
                          <For each={r().skipped}>
                            {(link) => (
                              <li>
                                <strong>{link.title || '(no title)'}</strong>{' '}
                                {link.url ? `(${link.url.slice(0, 80)})` : ''}: {link.reason}
                              </li>
                            )}
                          </For>
                        </ul>
                      </details>
                    </Show>
                  </div>
                )}
              </Match>
              <Match when={true}>
                <p>
                  Importing… {p().done} / {p().total}
                </p>
              </Match>
            </Switch>
          </div>
        )}
      </Show>
      <h2 style={{ 'margin-top': '20px' }}>Export</h2>
      <p style={{ display: 'flex', gap: '8px' }}>
        <button
          type="button"
          class="secondary"
          onClick={() => download(`bookmarks-${stamp()}.html`, 'text/html', toNetscape(unwrap(store.state)))}
        >
          Export HTML
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            download(`bookmarks-${stamp()}.json`, 'application/json', toJson(unwrap(store.state)))
          }
        >
          Export JSON
        </button>
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
