// The sign-in and sign-up steps the Solid dialog walks through, on Clerk's custom-flow API (no Clerk UI: the
// extension has no remotely hosted code and no React). Each call answers the next step or throws an Error whose
// message is meant for the person.
import type { Clerk } from '@clerk/clerk-js/no-rhc'

type SignIn = NonNullable<Clerk['client']>['signIn']
type SignUp = NonNullable<Clerk['client']>['signUp']
type SecondFactor = NonNullable<SignIn['supportedSecondFactors']>[number]
type SecondFactorAttempt = Parameters<SignIn['attemptSecondFactor']>[0]

/** Why a code is asked for; decides which Clerk call checks it. */
export type CodePurpose = 'sign-in' | 'sign-up' | 'second-factor'

export type Step =
  | { kind: 'email' }
  | { kind: 'password'; email: string; canUseCode: boolean }
  | { kind: 'code'; purpose: CodePurpose; strategy: string; sentTo: string }
  | { kind: 'sign-up'; email: string }
  | { kind: 'done' }

export type SignInFlow = {
  /** Starts with an email: an account answers with its way in, an unknown email offers sign-up. */
  identify: (email: string) => Promise<Step>
  withPassword: (password: string) => Promise<Step>
  /** Emails a one-time code instead of asking for the password. */
  emailCode: () => Promise<Step>
  withCode: (purpose: CodePurpose, strategy: string, code: string) => Promise<Step>
  /** Sends the code of `step` again. */
  resendCode: (step: Extract<Step, { kind: 'code' }>) => Promise<void>
  signUp: (email: string, password: string) => Promise<Step>
}

/** Clerk's API errors carry a list of `{ code, message, longMessage }`; the long message is for people. */
export function describeClerkError(error: unknown): string {
  const list = (error as { errors?: Array<{ code?: string; message?: string; longMessage?: string }> })
    ?.errors
  const first = Array.isArray(list) ? list[0] : undefined
  if (first) return first.longMessage || first.message || 'Sign-in failed.'
  const message = error instanceof Error ? error.message : String(error)
  if (/fetch|network|load failed/i.test(message) || (typeof navigator !== 'undefined' && !navigator.onLine))
    return 'Could not reach the sign-in service. Check your connection and try again.'
  return message
}

const errorCode = (error: unknown): string | undefined =>
  (error as { errors?: Array<{ code?: string }> })?.errors?.[0]?.code

/** Second factors this dialog can take: a code typed in, sent or from an authenticator app. */
const CODE_FACTORS = ['totp', 'email_code', 'phone_code', 'backup_code']

export function createSignInFlow(clerk: Clerk): SignInFlow {
  const client = () => {
    if (!clerk.client) throw new Error('The sign-in service did not load. Try again.')
    return clerk.client
  }
  let signIn: SignIn | undefined
  let signUp: SignUp | undefined
  let email = ''

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      throw new Error(describeClerkError(error))
    }
  }

  const finish = async (sessionId: string | null): Promise<Step> => {
    if (!sessionId) throw new Error('The sign-in did not finish. Try again.')
    await clerk.setActive({ session: sessionId })
    return { kind: 'done' }
  }

  const secondFactor = async (current: SignIn): Promise<Step> => {
    const factors = current.supportedSecondFactors ?? []
    const factor = factors.find((f: SecondFactor) => CODE_FACTORS.includes(f.strategy))
    if (!factor)
      throw new Error(
        'Your account needs a second step this extension cannot show. Sign in on the web first.'
      )
    if (factor.strategy === 'email_code' || factor.strategy === 'phone_code')
      signIn = await current.prepareSecondFactor(factor)
    const sentTo = 'safeIdentifier' in factor && factor.safeIdentifier ? factor.safeIdentifier : email
    return { kind: 'code', purpose: 'second-factor', strategy: factor.strategy, sentTo }
  }

  /** What a sign-in's status asks for next. */
  const next = async (current: SignIn): Promise<Step> => {
    signIn = current
    switch (current.status) {
      case 'complete':
        return finish(current.createdSessionId)
      case 'needs_first_factor': {
        const factors = current.supportedFirstFactors ?? []
        const password = factors.some((f) => f.strategy === 'password')
        const code = factors.some((f) => f.strategy === 'email_code')
        if (password) return { kind: 'password', email, canUseCode: code }
        if (code) return sendFirstFactorCode(current)
        throw new Error('This account signs in another way (a social login or a passkey); use the web app.')
      }
      // A new device or a second factor: both ask for a code.
      case 'needs_second_factor':
      case 'needs_client_trust':
        return secondFactor(current)
      case 'needs_new_password':
        throw new Error('Your password must be changed first. Reset it on the web, then sign in here.')
      default:
        throw new Error(`The sign-in stopped (${current.status ?? 'unknown state'}). Try again.`)
    }
  }

  const sendFirstFactorCode = async (current: SignIn): Promise<Step> => {
    const factor = current.supportedFirstFactors?.find((f) => f.strategy === 'email_code')
    if (!factor || !('emailAddressId' in factor))
      throw new Error('This account cannot sign in with an email code.')
    signIn = await current.prepareFirstFactor({
      strategy: 'email_code',
      emailAddressId: factor.emailAddressId
    })
    return {
      kind: 'code',
      purpose: 'sign-in',
      strategy: 'email_code',
      sentTo: factor.safeIdentifier || email
    }
  }

  const current = () => {
    if (!signIn) throw new Error('Start again with your email.')
    return signIn
  }

  return {
    identify: (address) =>
      guard(async () => {
        email = address.trim()
        try {
          return await next(await client().signIn.create({ identifier: email }))
        } catch (error) {
          if (errorCode(error) === 'form_identifier_not_found') return { kind: 'sign-up', email }
          throw error
        }
      }),
    withPassword: (password) =>
      guard(async () => next(await current().attemptFirstFactor({ strategy: 'password', password }))),
    emailCode: () => guard(() => sendFirstFactorCode(current())),
    withCode: (purpose, strategy, code) =>
      guard(async () => {
        const trimmed = code.replace(/\s+/g, '')
        if (purpose === 'sign-up') {
          if (!signUp) throw new Error('Start again with your email.')
          signUp = await signUp.attemptEmailAddressVerification({ code: trimmed })
          if (signUp.status === 'complete') return finish(signUp.createdSessionId)
          throw new Error('Your account needs more details than this extension asks for. Sign up on the web.')
        }
        if (purpose === 'sign-in')
          return next(await current().attemptFirstFactor({ strategy: 'email_code', code: trimmed }))
        // `strategy` is one of CODE_FACTORS, each of which is attempted with a code.
        const factor = { strategy, code: trimmed } as SecondFactorAttempt
        return next(await current().attemptSecondFactor(factor))
      }),
    resendCode: (step) =>
      guard(async () => {
        if (step.purpose === 'sign-up') {
          await signUp?.prepareEmailAddressVerification({ strategy: 'email_code' })
        } else if (step.purpose === 'sign-in') {
          await sendFirstFactorCode(current())
        } else {
          await secondFactor(current())
        }
      }),
    signUp: (address, password) =>
      guard(async () => {
        email = address.trim()
        signUp = await client().signUp.create({ emailAddress: email, password })
        if (signUp.status === 'complete') return finish(signUp.createdSessionId)
        if (signUp.unverifiedFields.includes('email_address')) {
          signUp = await signUp.prepareEmailAddressVerification({ strategy: 'email_code' })
          return { kind: 'code', purpose: 'sign-up', strategy: 'email_code', sentTo: email }
        }
        throw new Error(
          `Your account needs more details than this extension asks for (${signUp.missingFields.join(', ')}). Sign up on the web.`
        )
      })
  }
}
