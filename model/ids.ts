// What an entity id looks like: `<kind>_` and 1–64 URL-safe characters, made by clients or by the server.
import type { EntityKind } from './kinds'

export const idPattern = (kind: EntityKind): RegExp => new RegExp(`^${kind}_[A-Za-z0-9_-]{1,64}$`)
export const idMessage = (kind: EntityKind): string => `Must look like ${kind}_<1-64 letters, digits, _ or ->`
