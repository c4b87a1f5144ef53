// Create or rename a group (a tab in the top bar) with an optional emoji.

import { useNavigate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { checkFields } from '../../../../model/fields'
import { LIMITS } from '../../../../model/limits'
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
  /** Checked by the API's own rules, so that what this dialog saves the server takes. */
  const checked = () => checkFields('group', { name: name().trim(), icon: icon().trim() || null })
  const error = () => {
    if (!name().trim()) return 'Give the group a name'
    const result = checked()
    return result.ok ? '' : (result.errors.name ?? result.errors.icon ?? '')
  }

  const submit = (event: Event) => {
    event.preventDefault()
    setTouched(true)
    if (error()) return
    const result = checked()
    if (!result.ok) return
    if (props.group) updateGroup(store, props.group.id, result.value)
    else props.onCreated?.(createGroup(store, props.spaceId, result.value))
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
          maxLength={LIMITS.name}
          error={error()}
          showError={touched()}
        />
        <label class="field">
          <span>Icon (optional emoji)</span>
          <input
            name="icon"
            value={icon()}
            maxLength={LIMITS.icon}
            onInput={(e) => setIcon(e.currentTarget.value)}
          />
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
