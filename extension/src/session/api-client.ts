// The page's one API client, at VITE_API_URL, authorised by whoever is signed in: the controller hands it the
// session's token on sign-in and takes it back on sign-out. Only the session layer uses it.
import { createApiClient } from '../api/client'

const shared = createApiClient()

export const api = shared.client

/** Sets where the client gets its bearer token; undefined sends requests without one (signed out). */
export const setTokenProvider = shared.setTokenProvider
