// JSON text passed through as is: a response body assembled from parts PostgreSQL (or JSON.stringify) wrote,
// so that thousands of rows are not parsed into objects only to be serialised again.
import type { Context, TypedResponse } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { JSONParsed } from 'hono/utils/types'

/** JSON text that encodes a `T`; the type follows the text through, so that a body's parts are checked. */
export type JsonText<T> = string & { readonly __jsonOf?: T }

/** The JSON text of a value made here (a cursor, a flag). */
export const jsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>

/** An object's JSON text from its members' JSON texts: every key of `T`, each with a text of its own type. */
export function jsonObject<T extends object>(members: { [K in keyof T]-?: JsonText<T[K]> }): JsonText<T> {
  const parts = Object.entries(members as Record<string, string>).map(([k, v]) => `${JSON.stringify(k)}:${v}`)
  return `{${parts.join(',')}}` as JsonText<T>
}

/** Answers JSON text without parsing it, typed as the route's documented JSON answer (as c.json would be). */
export function respondJson<T, S extends ContentfulStatusCode>(c: Context, text: JsonText<T>, status: S) {
  return c.body(text, status, { 'Content-Type': 'application/json' }) as unknown as Response &
    TypedResponse<JSONParsed<T>, S, 'json'>
}
