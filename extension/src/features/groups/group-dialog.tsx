// Create or rename a group (a tab in the top bar) with an optional emoji.
import { useNavigate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { createGroup, updateGroup } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Group } from '../../store/types'
import { Dialog } from '../../ui/dialog'
import { TextField } from '../../ui/text-field'
import type { DialogProps } from '../../view-state'

declare module '../../view-state' {
  interface DialogFields {
    group: { spaceId: string; group?: Group }
  }
}

export function GroupDialog(props: DialogProps<'group'> & { onCreated?: (group: Group) => void }) {
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
        <TextField
          label="Name"
          name="name"
          value={name()}
          onInput={setName}
          placeholder="Daily, Docs, Tools…"
          maxLength={100}
          error={error()}
          showError={touched()}
        />
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

/** As the dialog host opens it: a group created here is shown at once. */
export default function NavigatingGroupDialog(props: DialogProps<'group'>) {
  const navigate = useNavigate()
  return <GroupDialog {...props} onCreated={(group) => navigate(`/space/${group.spaceId}/${group.id}`)} />
}
