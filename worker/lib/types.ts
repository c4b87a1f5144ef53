// Types shared by the app, middleware and route handlers.
import type { Database } from '../db/client'

export type AppVariables = {
  db: Database
  /** The verified Clerk user id (the token's `sub`); set by the auth middleware on /v1 routes. */
  userId: string
  /** When that token expires (ms since the epoch): the live channel closes its socket then. */
  tokenExpiresAt: number
}

export type AppEnv = { Bindings: Env; Variables: AppVariables }
