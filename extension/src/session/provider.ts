// The sign-in seam: whatever signs a person in (Clerk, or the dev user in development builds) gives the rest
// of the extension a Session (types.ts), and nothing else.
import { config } from '../config'
import type { SignInProvider } from './types'

let provider: Promise<SignInProvider | undefined> | undefined

/**
 * The provider this build has (a dev token wins: `npm run dev`'s builds), one per page so that Clerk loads once.
 * Each is imported only here, lazily.
 */
export function loadProvider(): Promise<SignInProvider | undefined> {
  provider ??= pick()
  return provider
}

async function pick(): Promise<SignInProvider | undefined> {
  if (config.devToken) {
    const { devProvider } = await import('./dev-session')
    return devProvider(config.devToken)
  }
  if (config.clerkPublishableKey) {
    const { clerkProvider } = await import('./clerk-session')
    return clerkProvider({
      publishableKey: config.clerkPublishableKey,
      proxyUrl: config.clerkProxyUrl || undefined
    })
  }
  return undefined
}
