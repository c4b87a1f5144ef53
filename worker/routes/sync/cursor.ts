// Opaque pull cursors: a position (version, entity, id) in the user's change stream, plus the account's
// epoch so that a cursor from a deleted-and-recreated account (or a restored database) forces a reset, and
// its generation (how many times its data was deleted) so that a push from before a deletion is refused.
import { isStorableText } from '../../../model/text'
import { ApiError } from '../../lib/errors'

export type CursorPosition = {
  epoch: number
  /** account_resets.generation when the cursor was made; cursors from before it was kept read as 0. */
  generation: number
  version: number
  kind: number
  id: string
}

/** Past every entity at `version` (kinds are 0 spaces, 1 groups, 2 bookmarks). */
export const END_OF_VERSION = 3

export function encodeCursor(position: CursorPosition): string {
  const json = JSON.stringify({
    e: position.epoch,
    g: position.generation,
    v: position.version,
    k: position.kind,
    i: position.id
  })
  return btoa(json).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')
}

/** The longest id a position can hold: the longest entity id (`bookmark_` and 64 characters). */
const MAX_ID = 100

/**
 * Every field is bounded before it reaches SQL: a forged cursor is a client's input, and an out-of-range
 * integer (a kind of 2^40 for the `::int` it is compared as) must be a 400, never an overflow in the database.
 */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const json = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))
    const { e, g = 0, v, k, i } = JSON.parse(json) as Record<string, unknown>
    if (
      Number.isSafeInteger(e) &&
      Number.isSafeInteger(g) &&
      (g as number) >= 0 &&
      Number.isSafeInteger(v) &&
      (v as number) >= 0 &&
      Number.isInteger(k) &&
      (k as number) >= 0 &&
      (k as number) <= END_OF_VERSION &&
      typeof i === 'string' &&
      i.length <= MAX_ID &&
      isStorableText(i)
    ) {
      return { epoch: e as number, generation: g as number, version: v as number, kind: k as number, id: i }
    }
  } catch {
    // Falls through to the error below: any unreadable cursor gets the same answer.
  }
  // The issue names the field, so that a client can tell its stored cursor is at fault (not its mutations).
  throw new ApiError(
    400,
    'validation_failed',
    'Invalid cursor: pass the cursor from a previous pull, or none',
    [{ path: 'cursor', message: 'Not a cursor this API made' }]
  )
}
