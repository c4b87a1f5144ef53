// The keyboard way to move a group to another space or a bookmark to another group.
import { createMemo, createSignal, For } from 'solid-js'
import { moveBookmark, moveGroup } from '../../store/actions'
import { useStore } from '../../store/data-store'
import { sortedGroups, sortedSpaces } from '../../store/selectors'
import { Dialog } from '../../ui/dialog'
import type { DialogProps } from '../../view-state'

declare module '../../view-state' {
  interface DialogFields {
    move: { entity: 'group' | 'bookmark'; id: string }
  }
}

export function MoveDialog(props: DialogProps<'move'>) {
  const store = useStore()
  const current = () =>
    props.entity === 'group'
      ? store.state.groups[props.id]?.spaceId
      : store.state.bookmarks[props.id]?.groupId
  const options = createMemo(() =>
    props.entity === 'group'
      ? sortedSpaces(store.state).map((s) => ({ id: s.id, label: `${s.icon} ${s.name}` }))
      : sortedSpaces(store.state).flatMap((s) =>
          sortedGroups(store.state, s.id).map((g) => ({ id: g.id, label: `${s.icon} ${s.name} › ${g.name}` }))
        )
  )
  const [target, setTarget] = createSignal(current() ?? '')
  const submit = (event: Event) => {
    event.preventDefault()
    const to = target()
    if (to && to !== current()) {
      if (props.entity === 'group') void moveGroup(store, props.id, to)
      else void moveBookmark(store, props.id, to)
    }
    props.onClose()
  }
  const title = props.entity === 'group' ? 'Move group to space' : 'Move bookmark to group'
  return (
    <Dialog title={title} onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2>{title}</h2>
        <label class="field">
          <span>{props.entity === 'group' ? 'Space' : 'Group'}</span>
          <select name="target" value={target()} onChange={(e) => setTarget(e.currentTarget.value)}>
            <For each={options()}>{(option) => <option value={option.id}>{option.label}</option>}</For>
          </select>
        </label>
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Move
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export default MoveDialog
