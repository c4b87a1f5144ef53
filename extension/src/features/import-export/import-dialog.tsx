// Import from Chrome or a bookmarks file, or restore a backup, each previewed first; export as HTML or a JSON backup.
import { createSignal, Match, Show, Switch } from 'solid-js'
import { unwrap } from 'solid-js/store'
import { useStore } from '../../store/data-store'
import { Dialog } from '../../ui/dialog'
import { download } from '../../ui/download'
import { showError } from '../../ui/toast'
import type { DialogProps, NoFields } from '../../view-state'
import { type Backup, toBackup } from './backup'
import {
  BookmarksPermissionRefused,
  canReadChromeBookmarks,
  readChromeBookmarks,
  requestBookmarksPermission
} from './chrome-bookmarks'
import type { ImportFolder } from './folders'
import { ImportFileRefused, readImportFile } from './import-file'
import { ImportPreview, type ImportSource } from './import-preview'
import { toNetscape } from './netscape'
import { RestorePanel } from './restore-panel'

const stamp = () => new Date().toISOString().slice(0, 10)

declare module '../../view-state' {
  interface DialogFields {
    import: NoFields
  }
}

type Step =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'import'; source: ImportSource }
  | { kind: 'restore'; name: string; backup: Backup }

export default function ImportDialog(props: DialogProps<'import'>) {
  const store = useStore()
  const [step, setStep] = createSignal<Step>({ kind: 'choose' })
  /** Why the last import read nothing, said in the dialog (a refused permission). */
  const [refusal, setRefusal] = createSignal<string>()
  const choose = () => setStep({ kind: 'choose' })
  const at = <K extends Step['kind']>(kind: K) => {
    const current = step()
    return current.kind === kind ? (current as Extract<Step, { kind: K }>) : undefined
  }

  const read = async (name: string, load: () => Promise<Step>) => {
    setStep({ kind: 'reading' })
    setRefusal(undefined)
    try {
      setStep(await load())
    } catch (error) {
      choose()
      if (error instanceof BookmarksPermissionRefused || error instanceof ImportFileRefused)
        return setRefusal(error.message)
      showError(`Cannot import ${name}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const readFolders = async (name: string, folders: ImportFolder[]): Promise<Step> => {
    if (folders.every((f) => f.links.length === 0)) throw new Error('no bookmarks found in it')
    return { kind: 'import', source: { name, folders } }
  }

  const onFile = (event: Event & { currentTarget: HTMLInputElement }) => {
    const file = event.currentTarget.files?.[0]
    event.currentTarget.value = ''
    if (!file) return
    void read(file.name, async () => {
      const opened = readImportFile(file.name, await file.text())
      return opened.kind === 'restore' ? { ...opened, name: file.name } : opened
    })
  }

  return (
    <Dialog title="Import and export" onClose={props.onClose}>
      <Switch>
        <Match when={at('import')}>
          {(s) => <ImportPreview source={s().source} onCancel={choose} onDone={props.onClose} />}
        </Match>
        <Match when={at('restore')}>
          {(s) => (
            <RestorePanel name={s().name} backup={s().backup} onCancel={choose} onDone={props.onClose} />
          )}
        </Match>
        <Match when={true}>
          <h2>Import bookmarks</h2>
          <p>
            From Chrome, a bookmarks file (HTML, as every browser exports), Toby (JSON), Raindrop.io or Pocket
            (CSV), or restore a backup (JSON). You see what will happen before anything changes.
          </p>
          <p style={{ display: 'flex', gap: '8px', 'flex-wrap': 'wrap' }}>
            <Show when={canReadChromeBookmarks()}>
              <button
                type="button"
                class="primary"
                disabled={step().kind === 'reading'}
                onClick={() => {
                  // Asked inside the click, before any await: Chrome prompts only during the gesture.
                  const granted = requestBookmarksPermission()
                  void read('Chrome bookmarks', async () =>
                    readFolders('Chrome bookmarks', await readChromeBookmarks(granted))
                  )
                }}
              >
                Import Chrome bookmarks
              </button>
            </Show>
            <label class="secondary" style={{ cursor: 'pointer' }}>
              Import a file or restore a backup…
              <input
                type="file"
                name="file"
                accept=".html,.htm,.json,.csv,text/html,application/json,text/csv"
                class="sr-only"
                disabled={step().kind === 'reading'}
                onChange={onFile}
              />
            </label>
          </p>
          <Show when={refusal()}>{(text) => <p role="alert">{text()}</p>}</Show>
          <h2 style={{ 'margin-top': '20px' }}>Export</h2>
          <p>
            HTML opens in any browser; JSON is a full backup that restores everything, ids and order included.
          </p>
          <p style={{ display: 'flex', gap: '8px' }}>
            <button
              type="button"
              class="secondary"
              onClick={() =>
                download(`bookmarks-${stamp()}.html`, 'text/html', toNetscape(unwrap(store.state)))
              }
            >
              Export HTML
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() =>
                download(`bookmarks-${stamp()}.json`, 'application/json', toBackup(unwrap(store.state)))
              }
            >
              Export JSON backup
            </button>
          </p>
        </Match>
      </Switch>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
