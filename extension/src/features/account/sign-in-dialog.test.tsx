import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import type { SignInFlow, Step } from '../../session/types'
import { SignInDialog } from './sign-in-dialog'

/** A flow whose answers the test scripts; every call is recorded. */
function scripted(
  answers: Partial<Record<keyof SignInFlow, (...args: string[]) => Promise<Step | undefined>>>
) {
  const calls: string[] = []
  const call =
    (name: keyof SignInFlow) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ')})`)
      const answer = answers[name]
      if (!answer) return Promise.reject(new Error(`unexpected ${name}`))
      return answer(...args.filter((a): a is string => typeof a === 'string'))
    }
  const flow = {
    identify: call('identify'),
    withPassword: call('withPassword'),
    emailCode: call('emailCode'),
    withCode: call('withCode'),
    resendCode: call('resendCode'),
    signUp: call('signUp')
  } as SignInFlow
  return { flow, calls }
}

const type = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } })
const press = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }))

describe('the sign-in dialog', () => {
  it('asks for the email, then the password, and reports success', async () => {
    const { flow, calls } = scripted({
      identify: async () => ({ kind: 'password', email: 'ada@example.com', canUseCode: true }),
      withPassword: async () => ({ kind: 'done' })
    })
    const onDone = vi.fn()
    render(() => <SignInDialog flow={flow} onClose={() => {}} onDone={onDone} />)
    type('Email', ' ada@example.com ')
    press('Continue')
    await screen.findByLabelText('Password')
    expect((screen.getByLabelText('Password') as HTMLInputElement).type).toBe('password')
    type('Password', 'correct horse')
    press('Continue')
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true))
    expect(calls).toEqual(['identify(ada@example.com)', 'withPassword(correct horse)'])
  })

  it('checks the email before asking the service', () => {
    const { flow, calls } = scripted({})
    render(() => <SignInDialog flow={flow} onClose={() => {}} onDone={() => {}} />)
    type('Email', 'not an email')
    press('Continue')
    expect(screen.getByRole('alert').textContent).toBe('Enter your email address.')
    expect(calls).toEqual([])
  })

  it("shows the service's message and stays on the step when it refuses", async () => {
    const { flow } = scripted({
      identify: async () => ({ kind: 'password', email: 'ada@example.com', canUseCode: false }),
      withPassword: async () => {
        throw new Error('Password is incorrect. Try again, or use another method.')
      }
    })
    render(() => <SignInDialog flow={flow} onClose={() => {}} onDone={() => {}} />)
    type('Email', 'ada@example.com')
    press('Continue')
    await screen.findByLabelText('Password')
    type('Password', 'wrong')
    press('Continue')
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Password is incorrect. Try again, or use another method.'
    )
    expect(screen.getByLabelText('Password')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Email me a code instead' })).toBeNull()
  })

  it('signs in with an emailed code instead, and can send a new one', async () => {
    const code: Step = {
      kind: 'code',
      purpose: 'sign-in',
      strategy: 'email_code',
      sentTo: 'a***@example.com'
    }
    const { flow, calls } = scripted({
      identify: async () => ({ kind: 'password', email: 'ada@example.com', canUseCode: true }),
      emailCode: async () => code,
      resendCode: async () => undefined,
      withCode: async () => ({ kind: 'done' })
    })
    const onDone = vi.fn()
    render(() => <SignInDialog flow={flow} onClose={() => {}} onDone={onDone} />)
    type('Email', 'ada@example.com')
    press('Continue')
    fireEvent.click(await screen.findByRole('button', { name: 'Email me a code instead' }))
    expect(await screen.findByText('We sent a code to a***@example.com.')).toBeTruthy()
    press('Send a new code')
    expect((await screen.findByRole('status')).textContent).toBe(
      'A new code is on its way to a***@example.com.'
    )
    type('Code', '424242')
    press('Continue')
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true))
    expect(calls.at(-1)).toBe('withCode(sign-in, email_code, 424242)')
  })

  it('offers to create the account for an unknown email, then verifies it with a code', async () => {
    const { flow, calls } = scripted({
      identify: async () => ({ kind: 'sign-up', email: 'new@example.com' }),
      signUp: async () => ({
        kind: 'code',
        purpose: 'sign-up',
        strategy: 'email_code',
        sentTo: 'new@example.com'
      }),
      withCode: async () => ({ kind: 'done' })
    })
    const onDone = vi.fn()
    render(() => <SignInDialog flow={flow} onClose={() => {}} onDone={onDone} />)
    type('Email', 'new@example.com')
    press('Continue')
    expect(await screen.findByText(/There is no account for new@example.com yet/)).toBeTruthy()
    type('New password', 'a long new password')
    press('Create account')
    await screen.findByLabelText('Code')
    type('Code', '111 222')
    press('Continue')
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true))
    expect(calls).toEqual([
      'identify(new@example.com)',
      'signUp(new@example.com, a long new password)',
      'withCode(sign-up, email_code, 111 222)'
    ])
  })

  it('asks an authenticator code without offering to send one', async () => {
    const { flow } = scripted({
      identify: async () => ({ kind: 'code', purpose: 'second-factor', strategy: 'totp', sentTo: '' })
    })
    render(() => <SignInDialog flow={flow} onClose={() => {}} onDone={() => {}} />)
    type('Email', 'ada@example.com')
    press('Continue')
    expect(await screen.findByText('Enter the code from your authenticator app.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Send a new code' })).toBeNull()
  })

  it('gives up on Cancel and goes back to the email on "Use another email"', async () => {
    const { flow } = scripted({
      identify: async () => ({ kind: 'password', email: 'ada@example.com', canUseCode: false })
    })
    const onDone = vi.fn()
    render(() => <SignInDialog flow={flow} onClose={() => {}} onDone={onDone} />)
    type('Email', 'ada@example.com')
    press('Continue')
    fireEvent.click(await screen.findByRole('button', { name: 'Use another email' }))
    expect(screen.getByLabelText('Email')).toBeTruthy()
    press('Cancel')
    expect(onDone).toHaveBeenCalledWith(false)
  })
})
