// Create or rename a group (a tab in the top bar) with an optional emoji.
import { createSignal, Show } from 'solid-js'
import { createGroup, updateGroup } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Group } from '../../store/types'
import { Dialog } from '../../ui/dialog'

export function GroupDialog(props: {
  spaceId: string
  group?: Group
  onClose: () => void
  onCreated?: (group: Group) => void
}) {
  const store = useStore()
  const [name, setName] = createSignal(props.group?.name ?? '')
  const [icon, setIcon] = createSignal(props.group?.icon ?? '')
  const [touched, setTouched] = createSignal(false)
  const error = () => (name().trim() ? '' : 'Give the group a name')

  const submit = (event: Event) => {
    event.preventDefault()
    setTouched(true)
    if (error()) return
    const fields = { name: name().trim(), icon: icon().trim() || null }
    if (props.group) updateGroup(store, props.group.id, fields)
    else props.onCreated?.(createGroup(store, props.spaceId, fields))
    props.onClose()
  }

  return (
    <Dialog title={props.group ? 'Edit group' : 'New group'} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <h2>{props.group ? 'Edit group' : 'New group'}</h2>
        <label class="field">
          <span>Name</span>
          <input
            name="name"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            placeholder="Daily, Docs, Tools…"
            maxLength={100}
            aria-invalid={touched() && !!error()}
            aria-describedby="name-error"
          />
        </label>
        <Show when={touched() && error()}>
          <p class="error field-error" id="name-error" role="alert">
            {error()}
          </p>
        </Show>
        <label class="field">
          <span>Icon (optional emoji)</span>
          <input name="icon" value={icon()} maxLength={8} onInput={(e) => setIcon(e.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            {props.group ? 'Save' : 'Create group'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
