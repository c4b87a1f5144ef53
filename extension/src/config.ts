// Build-time settings, read once from Vite's env (VITE_* variables or the repo root's .env files).
export const config = {
  apiUrl: (import.meta.env.VITE_API_URL as string | undefined) || 'http://127.0.0.1:8787',
  clerkPublishableKey: (import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined) || ''
} as const
