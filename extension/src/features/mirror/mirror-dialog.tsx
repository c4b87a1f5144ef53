// "Mirror to Chrome bookmarks" (user menu): turns the two-way mirror on or off, with where its folder goes and
// how the last run went. The worker does the mirroring (background/mirror/); this only asks it.
import { createSignal, onMount, Show } from 'solid-js'
import { OTHER_BOOKMARKS } from '../../background/mirror/state'
import { useStore } from '../../store/data-store'
import { Dialog } from '../../ui/dialog'
import type { DialogProps, NoFields } from '../../view-state'
import { mirror, turnMirrorOff, turnMirrorOn, watchMirror } from './mirror-state'

declare module '../../view-state' {
  interface DialogFields {
    mirror: NoFields
  }
}

/** Chrome's own top folders, by their fixed ids: where the "Bookmarks Index" folder can go. */
const PLACES = [
  { id: OTHER_BOOKMARKS, name: 'Other bookmarks' },
  { id: '1', name: 'Bookmarks bar' }
]

export function MirrorDialog(props: DialogProps<'mirror'>) {
  const store = useStore()
  onMount(watchMirror)
  const [place, setPlace] = createSignal(mirror()?.parentId ?? OTHER_BOOKMARKS)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const on = () => !!mirror()?.enabled
  const status = () => {
    const settings = mirror()
    if (!settings?.enabled) return 'Off.'
    if (settings.account !== store.account())
      return 'On for the library shown when it was turned on, not this one: turn it off, then on, to mirror this one.'
    const s = settings.status
    if (s.state === 'on')
      return `On: mirrored at ${new Date(s.at).toLocaleTimeString()}.${s.skipped ? ` ${s.skipped} item(s) in the folder have no place here (outside a group) and are left as they are.` : ''}`
    if (s.state === 'waiting') return 'Paused: it waits for your answer about items it would delete.'
    if (s.state === 'error') return `Stopped: ${s.error}`
    return 'Starting…'
  }
  const run = (work: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    work()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false))
  }
  return (
    <Dialog title="Mirror to Chrome bookmarks" onClose={props.onClose}>
      <h2>Mirror to Chrome bookmarks</h2>
      <p>
        A “Bookmarks Index” folder in Chrome’s bookmarks holds your spaces as folders, groups as subfolders
        and bookmarks in the same order. A change on either side shows on the other, also one that arrives
        through Chrome sync. Turning it off leaves the folder as it is.
      </p>
      <label class="field">
        <span>Folder in</span>
        <select
          name="mirror-place"
          value={place()}
          disabled={on() || busy()}
          onChange={(event) => setPlace(event.currentTarget.value)}
        >
          {PLACES.map((p) => (
            <option value={p.id}>{p.name}</option>
          ))}
        </select>
      </label>
      <p role="status">{status()}</p>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          Close
        </button>
        <Show
          when={on()}
          fallback={
            <button
              type="button"
              disabled={busy()}
              onClick={() => run(() => turnMirrorOn(store.account(), place()))}
            >
              Turn on mirror
            </button>
          }
        >
          <button type="button" class="danger" disabled={busy()} onClick={() => run(turnMirrorOff)}>
            Turn off mirror
          </button>
        </Show>
      </div>
    </Dialog>
  )
}

export default MirrorDialog
