// Create or edit a space: name, emoji icon and colour.

import { useNavigate } from '@solidjs/router'
import { createSignal, For } from 'solid-js'
import { createDefaults } from '../../../../model/defaults'
import { checkFields } from '../../../../model/fields'
import { LIMITS } from '../../../../model/limits'
import { createSpace, updateSpace } from '../../store/actions'
import { useStore } from '../../store/data-store'
import type { Space } from '../../store/types'
import { Dialog } from '../../ui/dialog'
import { TextField } from '../../ui/text-field'
import type { DialogProps } from '../../view-state'

export const SPACE_ICONS = ['📁', '🏠', '💼', '📚', '🎨', '🛠️', '🎮', '🎵', '✈️', '🛒', '💡', '⭐']
export const COLORS = ['#4f46e5', '#0e9384', '#d92d20', '#dc6803', '#7a5af8', '#1570ef', '#039855', '#c11574']

declare module '../../view-state' {
  interface DialogFields {
    space: { space?: Space }
  }
}

export function SpaceDialog(props: DialogProps<'space'> & { onCreated?: (space: Space) => void }) {
  const store = useStore()
  const [name, setName] = createSignal(props.space?.name ?? '')
  const [icon, setIcon] = createSignal(props.space?.icon ?? '📁')
  const [color, setColor] = createSignal<string | null>(props.space?.color ?? null)
  const [touched, setTouched] = createSignal(false)
  /** Checked by the API's own rules, so that what this dialog saves the server takes. */
  const checked = () =>
    checkFields('space', {
      name: name().trim(),
      icon: icon().trim() || createDefaults.space.icon,
      color: color()
    })
  const error = () => {
    if (!name().trim()) return 'Give the space a name'
    const result = checked()
    return result.ok ? '' : (result.errors.name ?? result.errors.icon ?? result.errors.color ?? '')
  }

  const submit = (event: Event) => {
    event.preventDefault()
    setTouched(true)
    if (error()) return
    const result = checked()
    if (!result.ok) return
    if (props.space) updateSpace(store, props.space.id, result.value)
    else props.onCreated?.(createSpace(store, result.value))
    props.onClose()
  }

  return (
    <Dialog title={props.space ? 'Edit space' : 'New space'} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <h2>{props.space ? 'Edit space' : 'New space'}</h2>
        <TextField
          label="Name"
          name="name"
          value={name()}
          onInput={setName}
          placeholder="Work, Home, Reading…"
          maxLength={LIMITS.name}
          error={error()}
          showError={touched()}
        />
        <div class="field">
          <span>Icon</span>
          <div class="swatches">
            <For each={SPACE_ICONS}>
              {(emoji) => (
                <button
                  type="button"
                  class="emoji"
                  aria-label={`Icon ${emoji}`}
                  aria-pressed={icon() === emoji}
                  onClick={() => setIcon(emoji)}
                >
                  {emoji}
                </button>
              )}
            </For>
            <input
              aria-label="Custom icon"
              style={{ width: '64px' }}
              value={icon()}
              maxLength={LIMITS.icon}
              onInput={(e) => setIcon(e.currentTarget.value)}
            />
          </div>
        </div>
        <div class="field">
          <span>Colour</span>
          <div class="swatches">
            <button
              type="button"
              class="swatch"
              aria-label="No colour"
              aria-pressed={color() === null}
              style={{ background: 'var(--panel-2)' }}
              onClick={() => setColor(null)}
            />
            <For each={COLORS}>
              {(c) => (
                <button
                  type="button"
                  class="swatch"
                  aria-label={`Colour ${c}`}
                  aria-pressed={color() === c}
                  style={{ background: c }}
                  onClick={() => setColor(c)}
                />
              )}
            </For>
          </div>
        </div>
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            {props.space ? 'Save' : 'Create space'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

/** As the dialog host opens it: a space created here is shown at once. */
export default function NavigatingSpaceDialog(props: DialogProps<'space'>) {
  const navigate = useNavigate()
  return <SpaceDialog {...props} onCreated={(space) => navigate(`/space/${space.id}`)} />
}
