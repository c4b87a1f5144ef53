// Sign-in and sign-up in our own UI (Clerk's prebuilt components would need React and remote code): email
// first, then the password or an emailed code; an unknown email offers to create the account.
import { createSignal, Match, Show, Switch } from 'solid-js'
import type { SignInFlow, Step } from '../../session/types'
import { Dialog } from '../../ui/dialog'
import { TextField } from '../../ui/text-field'
import type { DialogProps } from '../../view-state'

declare module '../../view-state' {
  interface DialogFields {
    /** `onDone(true)` once signed in, `onDone(false)` when the person gave up (the dialog has closed by then). */
    'sign-in': { flow: SignInFlow; onDone: (signedIn: boolean) => void }
  }
}

const CODE_HINTS: Record<string, string> = {
  totp: 'Enter the code from your authenticator app.',
  backup_code: 'Enter one of your backup codes.'
}

export function SignInDialog(props: DialogProps<'sign-in'>) {
  const done = (signedIn: boolean) => {
    props.onClose()
    props.onDone(signedIn)
  }
  const [step, setStep] = createSignal<Step>({ kind: 'email' })
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [code, setCode] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [notice, setNotice] = createSignal('')
  let form!: HTMLFormElement
  const canUseCode = () => {
    const current = step()
    return current.kind === 'password' && current.canUseCode
  }

  /** Runs one call of the flow; the dialog moves to the step it answers, or shows why it failed. */
  const run = async (work: () => Promise<Step | undefined>) => {
    if (busy()) return
    setError('')
    setNotice('')
    setBusy(true)
    try {
      const next = await work()
      if (next?.kind === 'done') return done(true)
      if (next) {
        setPassword('')
        setCode('')
        setStep(next)
        // Each step has one field: typing can go on without reaching for the mouse.
        form.querySelector('input')?.focus()
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    } finally {
      setBusy(false)
    }
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const current = step()
    if (current.kind === 'email') {
      const address = email().trim()
      if (!/^[^\s@]+@[^\s@]+$/.test(address)) return setError('Enter your email address.')
      return void run(() => props.flow.identify(address))
    }
    if (current.kind === 'password' || current.kind === 'sign-up') {
      if (password() === '') return setError('Enter your password.')
      return void run(() =>
        current.kind === 'password'
          ? props.flow.withPassword(password())
          : props.flow.signUp(current.email, password())
      )
    }
    if (current.kind === 'code') {
      if (code().trim() === '') return setError('Enter the code.')
      return void run(() => props.flow.withCode(current.purpose, current.strategy, code()))
    }
  }

  const startOver = () => {
    setError('')
    setStep({ kind: 'email' })
    form.querySelector('input')?.focus()
  }
  const title = () => (step().kind === 'sign-up' ? 'Create your account' : 'Sign in to sync')

  return (
    <Dialog title={title()} onClose={() => done(false)} class="sign-in-dialog">
      <form ref={form} onSubmit={submit} noValidate>
        <h2>{title()}</h2>
        <Switch>
          <Match when={step().kind === 'email'}>
            <p class="hint sign-in-note">Your bookmarks follow you to every browser where you sign in.</p>
            <TextField
              label="Email"
              name="email"
              type="email"
              autocomplete="username"
              value={email()}
              onInput={setEmail}
            />
          </Match>
          <Match when={step().kind === 'password'}>
            <p class="hint sign-in-note">{email()}</p>
            <TextField
              label="Password"
              name="password"
              type="password"
              autocomplete="current-password"
              value={password()}
              onInput={setPassword}
            />
          </Match>
          <Match when={step().kind === 'sign-up'}>
            <p class="hint sign-in-note">
              There is no account for {email()} yet. Choose a password to create one.
            </p>
            <TextField
              label="New password"
              name="new-password"
              type="password"
              autocomplete="new-password"
              value={password()}
              onInput={setPassword}
            />
          </Match>
          <Match when={step().kind === 'code' && step()} keyed>
            {(current) =>
              current.kind === 'code' && (
                <>
                  <p class="hint sign-in-note">
                    {CODE_HINTS[current.strategy] ?? `We sent a code to ${current.sentTo}.`}
                  </p>
                  <TextField
                    label="Code"
                    name="code"
                    inputMode="numeric"
                    autocomplete="one-time-code"
                    value={code()}
                    onInput={setCode}
                  />
                </>
              )
            }
          </Match>
        </Switch>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={notice()}>
          <p class="hint sign-in-note" role="status">
            {notice()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => done(false)}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy()}>
            {busy() ? 'Please wait…' : step().kind === 'sign-up' ? 'Create account' : 'Continue'}
          </button>
        </div>
        <div class="sign-in-links">
          <Show when={step().kind !== 'email'}>
            <button type="button" class="link-button" onClick={startOver}>
              Use another email
            </button>
          </Show>
          <Show when={canUseCode()}>
            <button type="button" class="link-button" onClick={() => void run(() => props.flow.emailCode())}>
              Email me a code instead
            </button>
          </Show>
          <Show when={step().kind === 'code' && step()} keyed>
            {(current) =>
              current.kind === 'code' &&
              !(current.strategy in CODE_HINTS) && (
                <button
                  type="button"
                  class="link-button"
                  onClick={() =>
                    void run(async () => {
                      await props.flow.resendCode(current)
                      setNotice(`A new code is on its way to ${current.sentTo}.`)
                      return undefined
                    })
                  }
                >
                  Send a new code
                </button>
              )
            }
          </Show>
        </div>
      </form>
    </Dialog>
  )
}

export default SignInDialog
