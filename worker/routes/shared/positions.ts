// Position keys made in SQL, for the REST writes that place rows without a client-made key: one statement each.
// The keys are those of model/position.ts: the digits and the rank and clock keys come from there.
import { type SQL, sql } from 'drizzle-orm'
import {
  clockPosition,
  POSITION_DIGITS,
  positionSuffix,
  RANK_DIGITS,
  RANK_HEAD,
  rankPosition
} from '../../../model/position'
import { freshnessCheck } from './writes'

/**
 * The base of keys after a list's last key (`last`, null for an empty list): the clock's key when the list ends
 * before it (as every list whose keys came from devices, rank keys or earlier clocks does), else the last key
 * itself. Keys made from it add digits, so they sort after `last`. The statement must read a current snapshot
 * (freshnessCheck): its last key must be the list's.
 */
export function afterLast(userId: string, last: SQL): SQL {
  const clock = clockPosition(Date.now())
  return sql`(coalesce(greatest((${last}) collate "C", ${clock}::text collate "C"), ${clock}::text)
    || coalesce(${freshnessCheck(userId)}::text, ''))`
}

/** A key for one row put after `base` (afterLast): the base and random digits. */
export const oneAfter = (base: SQL): SQL => sql`(${base} || ${positionSuffix()})`

/**
 * The digits that follow a base for the `index`-th of several rows put after one list's end at once (a bulk
 * create): fixed-width rank digits, so the rows keep their order, then random digits (a key never ends in 0).
 */
export const runSuffix = (index: number, random = positionSuffix()): string =>
  rankPosition(index).slice(RANK_HEAD.length) + random

/**
 * model/position.ts rankPosition in SQL, for `rank` a 0-based bigint expression: the key of a list spread anew
 * (a REST reorder). Ranks past RANK_CAPACITY would wrap; lists are held below it by the quotas.
 */
export function rankPositionSql(rank: SQL): SQL {
  const digits: SQL[] = []
  for (let i = RANK_DIGITS - 1; i >= 0; i--)
    digits.push(sql`substr(${POSITION_DIGITS}::text, ((${rank}) / ${62 ** i}::bigint % 62)::int + 1, 1)`)
  return sql`(${RANK_HEAD}::text || ${sql.join(digits, sql` || `)}) collate "C"`
}
