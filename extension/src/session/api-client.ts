// The page's one API client, at VITE_API_URL, authorised by whoever is signed in: the controller hands it the
// session's token on sign-in and takes it back on sign-out. Only the session layer uses it.
import { createApiClient, type TokenProvider } from '../api/client'

const shared = createApiClient()
let provider: TokenProvider | undefined

export const api = shared.client

/** Sets where the client gets its bearer token; undefined sends requests without one (signed out). */
export function setTokenProvider(next: TokenProvider | undefined): void {
  provider = next
  shared.setTokenProvider(next)
}

/** The signed-in session's current token, as the client sends it (the live channel's socket needs it too). */
export const sessionToken: TokenProvider = () => (provider ? provider() : Promise.resolve(null))
