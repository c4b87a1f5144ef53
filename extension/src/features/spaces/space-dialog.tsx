// Create or edit a space: name, emoji icon and colour.
import { useNavigate } from '@solidjs/router'
import { createSignal, For } from 'solid-js'
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
  const error = () => (name().trim() ? '' : 'Give the space a name')

  const submit = (event: Event) => {
    event.preventDefault()
    setTouched(true)
    if (error()) return
    const fields = { name: name().trim(), icon: icon().trim() || '📁', color: color() }
    if (props.space) updateSpace(store, props.space.id, fields)
    else props.onCreated?.(createSpace(store, fields))
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
          maxLength={100}
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
              maxLength={8}
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
