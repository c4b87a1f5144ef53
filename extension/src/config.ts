// Build-time settings, read once from Vite's env (VITE_* variables or the repo root's .env files).
export const config = {
  apiUrl: (import.meta.env.VITE_API_URL as string | undefined) || 'http://127.0.0.1:8787',
  clerkPublishableKey: (import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined) || '',
  /**
   * Development builds only (`npm run dev`): a token for the local dev user, minted with the dev key the local
   * Worker trusts. vite.config.ts refuses a production build that has it.
   */
  devToken: (import.meta.env.VITE_DEV_TOKEN as string | undefined) || ''
} as const

/** Whether this build can sign in at all (a dev token, or Clerk once its provider lands). */
export const signInAvailable = config.devToken !== ''
