// Add or edit a bookmark: checked by the API's own rules (model/), the scheme added when missing, the title
// defaulting to the host.
import { createSignal } from 'solid-js'
import { checkFields } from '../../../../model/fields'
import { LIMITS } from '../../../../model/limits'
import { formatTags, parseTags } from '../../../../model/tags'
import { checkUrl, titleFromUrl } from '../../../../model/url'
import { createBookmark, updateBookmark } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Bookmark } from '../../store/types'
import { Dialog } from '../../ui/dialog'
import { TextField } from '../../ui/text-field'
import type { DialogProps } from '../../view-state'

declare module '../../view-state' {
  interface DialogFields {
    bookmark: { groupId: string; bookmark?: Bookmark }
  }
}

export function BookmarkDialog(props: DialogProps<'bookmark'>) {
  const store = useStore()
  const [url, setUrl] = createSignal(props.bookmark?.url ?? '')
  const [title, setTitle] = createSignal(props.bookmark?.title ?? '')
  const [description, setDescription] = createSignal(props.bookmark?.description ?? '')
  const [tags, setTags] = createSignal(formatTags(props.bookmark?.tags ?? []))
  const [touched, setTouched] = createSignal(false)
  const address = () => checkUrl(url())
  /** The fields to save, checked as the API checks them: what this dialog saves, the server takes. */
  const checked = () => {
    const typed = address()
    return checkFields('bookmark', {
      url: typed.ok ? typed.url : url(),
      title: title().trim() || (typed.ok ? titleFromUrl(typed.url) : ''),
      description: description().trim() || null,
      tags: parseTags(tags())
    })
  }
  const errorOf = (field: 'url' | 'title' | 'description' | 'tags') => {
    const typed = address()
    if (field === 'url' && !typed.ok) return typed.error
    const result = checked()
    return result.ok ? '' : (result.errors[field] ?? '')
  }

  const submit = (event: Event) => {
    event.preventDefault()
    setTouched(true)
    const result = checked()
    if (!address().ok || !result.ok) return
    if (props.bookmark) updateBookmark(store, props.bookmark.id, result.value)
    else createBookmark(store, props.groupId, result.value)
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
          error={errorOf('url')}
          showError={touched()}
        />
        <TextField
          label="Title"
          name="title"
          value={title()}
          onInput={setTitle}
          maxLength={LIMITS.title}
          placeholder="Shown under the icon"
          error={errorOf('title')}
          showError={touched()}
        />
        <label class="field">
          <span>Description (optional, searchable)</span>
          <textarea
            name="description"
            rows={2}
            maxLength={LIMITS.description}
            value={description()}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <TextField
          label="Tags (separated by commas)"
          name="tags"
          value={tags()}
          onInput={setTags}
          placeholder="reading, rust"
          error={errorOf('tags')}
          showError={touched()}
        />
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

export default BookmarkDialog
