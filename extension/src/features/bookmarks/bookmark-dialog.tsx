// Add or edit a bookmark: the address is checked (scheme added when missing), the title defaults to the host.
import { createSignal } from 'solid-js'
import { createBookmark, updateBookmark } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Bookmark } from '../../store/types'
import { Dialog } from '../../ui/dialog'
import { TextField } from '../../ui/text-field'
import { checkUrl, hostOf } from './url'

export function BookmarkDialog(props: { groupId: string; bookmark?: Bookmark; onClose: () => void }) {
  const store = useStore()
  const [url, setUrl] = createSignal(props.bookmark?.url ?? '')
  const [title, setTitle] = createSignal(props.bookmark?.title ?? '')
  const [description, setDescription] = createSignal(props.bookmark?.description ?? '')
  const [touched, setTouched] = createSignal(false)
  const check = () => checkUrl(url())
  const urlError = () => {
    const result = check()
    return result.ok ? '' : result.error
  }

  const submit = (event: Event) => {
    event.preventDefault()
    setTouched(true)
    const result = check()
    if (!result.ok) return
    const fields = {
      url: result.url,
      title: title().trim() || hostOf(result.url),
      description: description().trim() || null
    }
    if (props.bookmark) updateBookmark(store, props.bookmark.id, fields)
    else createBookmark(store, props.groupId, fields)
    props.onClose()
  }

  return (
    <Dialog title={props.bookmark ? 'Edit bookmark' : 'New bookmark'} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <h2>{props.bookmark ? 'Edit bookmark' : 'New bookmark'}</h2>
        <TextField
          label="Address"
          name="url"
          value={url()}
          onInput={setUrl}
          inputMode="url"
          placeholder="example.com"
          error={urlError()}
          showError={touched()}
        />
        <TextField
          label="Title"
          name="title"
          value={title()}
          onInput={setTitle}
          maxLength={500}
          placeholder="Shown under the icon"
        />
        <label class="field">
          <span>Description (optional, searchable)</span>
          <textarea
            name="description"
            rows={2}
            maxLength={2000}
            value={description()}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            {props.bookmark ? 'Save' : 'Add bookmark'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
