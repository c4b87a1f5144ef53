// Development builds only: signs in as the local dev user with the token `npm run dev` minted with the dev key
// the local Worker trusts (VITE_DEV_TOKEN). A production build cannot contain a token (vite.config.ts).
import type { Session, SignInProvider } from './types'

/** The token's subject, read without verifying (the Worker verifies it). */
export function subjectOf(token: string): string {
  const part = token.split('.')[1]
  if (!part) throw new Error('VITE_DEV_TOKEN is not a JWT')
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'))
  const sub = (JSON.parse(json) as { sub?: unknown }).sub
  if (typeof sub !== 'string' || sub === '') throw new Error('VITE_DEV_TOKEN has no subject')
  return sub
}

export function devProvider(token: string): SignInProvider {
  const session: Session = {
    userId: subjectOf(token),
    getToken: () => Promise.resolve(token),
    signOut: () => Promise.resolve()
  }
  return {
    restore: (userId) => Promise.resolve(userId === session.userId ? session : null),
    signIn: () => Promise.resolve(session)
  }
}
