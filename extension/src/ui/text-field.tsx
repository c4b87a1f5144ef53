// A labelled text input whose error shows once the form was submitted, wired for screen readers.
import { type JSX, Show } from 'solid-js'

export function TextField(props: {
  label: string
  name: string
  value: string
  onInput: (value: string) => void
  placeholder?: string
  maxLength?: number
  type?: 'text' | 'email' | 'password'
  autocomplete?: string
  inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode']
  /** The message to show, or '' when the value is fine. */
  error?: string
  /** Errors show only after the first submit, not while the person is still typing. */
  showError?: boolean
}) {
  const errorId = () => `${props.name}-error`
  const visibleError = () => (props.showError ? props.error : '')
  return (
    <>
      <label class="field">
        <span>{props.label}</span>
        <input
          name={props.name}
          type={props.type ?? 'text'}
          autocomplete={props.autocomplete}
          value={props.value}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          aria-invalid={!!visibleError()}
          aria-describedby={props.error !== undefined ? errorId() : undefined}
        />
      </label>
      <Show when={visibleError()}>
        <p class="error field-error" id={errorId()} role="alert">
          {visibleError()}
        </p>
      </Show>
    </>
  )
}
