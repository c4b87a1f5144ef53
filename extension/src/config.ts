// Build-time settings, read once from Vite's env (VITE_* variables or the repo root's .env files).
export const config = {
  apiUrl: (import.meta.env.VITE_API_URL as string | undefined) || 'http://127.0.0.1:8787',
  /** Turns on sign-in with Clerk (pk_test_… or pk_live_…, from the Clerk dashboard's API keys). */
  clerkPublishableKey: (import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined) || '',
  /** Where Clerk's Frontend API is reached when not at the key's own host (Clerk's proxy option). */
  clerkProxyUrl: (import.meta.env.VITE_CLERK_PROXY_URL as string | undefined) || '',
  /**
   * Development builds only (`npm run dev`): a token for the local dev user, minted with the dev key the local
   * Worker trusts. vite.config.ts refuses a production build that has it.
   */
  devToken: (import.meta.env.VITE_DEV_TOKEN as string | undefined) || ''
} as const

/** Whether this build can sign in at all (Clerk, or a dev token). */
export const signInAvailable = config.devToken !== '' || config.clerkPublishableKey !== ''
