// "Delete account data…": says what goes (everything in the account, on the server, for every device) and what
// this browser keeps, offers a backup first, and deletes only once the person has typed "delete".
import { createSignal, Show } from 'solid-js'
import { unwrap } from 'solid-js/store'
import { useStore } from '../../store/data-store'
import { Dialog } from '../../ui/dialog'
import { download } from '../../ui/download'
import { showToast } from '../../ui/toast'
import type { DialogProps } from '../../view-state'
import { toBackup } from '../import-export/backup'
import { describeCounts } from './migration-dialog'

declare module '../../view-state' {
  interface DialogFields {
    /** `run` deletes and signs out, or rejects with the reason having changed nothing. */
    'delete-account': { account: string; run: (keepCopy: boolean) => Promise<void> }
  }
}

/** What the person types to show they mean it. */
export const CONFIRM_WORD = 'delete'

export function DeleteAccountDialog(props: DialogProps<'delete-account'>) {
  const store = useStore()
  const [keepCopy, setKeepCopy] = createSignal(true)
  const [typed, setTyped] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const counts = () => {
    const data = store.snapshot()
    return describeCounts({
      spaces: Object.keys(data.spaces).length,
      groups: Object.keys(data.groups).length,
      bookmarks: Object.keys(data.bookmarks).length
    })
  }
  const confirmed = () => typed().trim().toLowerCase() === CONFIRM_WORD
  const backup = () =>
    download(
      `bookmarks-${new Date().toISOString().slice(0, 10)}.json`,
      'application/json',
      toBackup(unwrap(store.state))
    )
  const remove = async (event: Event) => {
    event.preventDefault()
    if (!confirmed() || busy()) return
    setError('')
    setBusy(true)
    const keep = keepCopy()
    try {
      await props.run(keep)
      props.onClose()
      showToast({
        message: keep
          ? 'Your account data was deleted. You are signed out; your bookmarks stay in this browser.'
          : 'Your account data was deleted, and you are signed out.'
      })
    } catch (caught) {
      setBusy(false)
      setError(caught instanceof Error ? caught.message : String(caught))
    }
  }
  // While the server is asked, the dialog stays: closing it would hide how it ended.
  const close = () => {
    if (!busy()) props.onClose()
  }
  return (
    <Dialog title="Delete your account data?" onClose={close}>
      <form onSubmit={(event) => void remove(event)}>
        <h2>Delete your account data?</h2>
        <p>
          Everything in your account <strong>{props.account}</strong> is deleted from the server, for good:
          every space, group and bookmark, and changes not synced yet. This cannot be undone. Your other
          devices lose their copy of the account the next time they sync. Then you are signed out here.
        </p>
        <fieldset class="choices">
          <legend>This browser’s copy ({counts()})</legend>
          <label>
            <input
              type="radio"
              name="copy"
              checked={keepCopy()}
              disabled={busy()}
              onChange={() => setKeepCopy(true)}
            />
            <span>
              Keep it in this browser, signed out
              <small>
                It joins the bookmarks you have here when signed out, and stays only in this browser.
              </small>
            </span>
          </label>
          <label>
            <input
              type="radio"
              name="copy"
              checked={!keepCopy()}
              disabled={busy()}
              onChange={() => setKeepCopy(false)}
            />
            <span>
              Remove it from this browser too
              <small>As signing out does. What you had here before signing in stays.</small>
            </span>
          </label>
        </fieldset>
        <p>
          <button type="button" class="secondary" disabled={busy()} onClick={backup}>
            Download a backup first
          </button>
        </p>
        <label class="field">
          <span>Type “{CONFIRM_WORD}” to confirm</span>
          <input
            name="confirm"
            autocomplete="off"
            value={typed()}
            disabled={busy()}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            That did not work: {error()} Nothing changed in this browser, and you are still signed in.
          </p>
        </Show>
        <div class="actions">
          <button type="button" class="secondary" disabled={busy()} onClick={close}>
            Cancel
          </button>
          <button type="submit" class="danger" disabled={!confirmed() || busy()}>
            {busy() ? 'Deleting…' : 'Delete account data'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export default DeleteAccountDialog
