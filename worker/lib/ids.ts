// Entity ids: `<kind>_<random>`, made by clients (offline creation) or by the server when absent.
import { z } from '@hono/zod-openapi'

import { idMessage, idPattern } from '../../model/ids'
import type { EntityKind } from '../../model/kinds'

export type { EntityKind }

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

export function newId(kind: EntityKind): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20))
  let suffix = ''
  // 256 % 62 bias is negligible for ids that only need to be unique, not uniform.
  for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length]
  return `${kind}_${suffix}`
}

/** A schema for one kind of id: the prefix, then 1–64 URL-safe characters. */
export function idSchema(kind: EntityKind) {
  return z
    .string()
    .regex(idPattern(kind), idMessage(kind))
    .openapi({ example: `${kind}_3kTMd9Qx2vB7nYp1Lw8R` })
}
