// Position keys: the jittered fractional indexing that orders every sibling list, on the server and in the extension.
//
// A key is text that sorts by plain code units (JavaScript `<`, PostgreSQL `COLLATE "C"`): an integer part whose
// first character says its length ('a'..'z' for 0 and up, 'A'..'Z' below), then an optional fraction that never
// ends in '0' (the format of rocicorp's `fractional-indexing`). A key can always be made between any two others,
// so moving one item writes that item only. Keys made on a device end in a few random digits (the jitter of
// `fractional-indexing-jittered`), so two devices putting items at the same spot at once get different keys.
// With its extension: bench/ runs this module in plain Node (type stripping), which needs it.
import { LIMITS } from './limits.ts'

/** Base 62 in code-unit order: '0' < '9' < 'A' < 'Z' < 'a' < 'z'. */
export const POSITION_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const ZERO = '0'
const BASE = POSITION_DIGITS.length
/** The smallest integer part ("A" and 26 zeros): no key sorts before it, so it is never a key itself. */
const SMALLEST_INTEGER = `A${ZERO.repeat(26)}`
/** Random digits a device's key ends with: 62⁴ ≈ 14.8 million different endings for one spot. */
export const JITTER_DIGITS = 4
/** Digits of a rank key (`rankPosition`): 62³ = 238,328 ranks, more than the largest list a quota allows. */
export const RANK_DIGITS = 3
/** The integer part's first character of a rank key: 'c' heads a 4-character integer part. */
export const RANK_HEAD = 'c'
/** The first character of a clock key (`clockPosition`): 'g' heads an integer part of 7 more digits. */
const CLOCK_HEAD = 'g'
const CLOCK_DIGITS = 7

const digit = (n: number): string => POSITION_DIGITS[n] as string
const digitValue = (char: string): number => POSITION_DIGITS.indexOf(char)

/** The length of an integer part from its first character, or undefined for a character that cannot head one. */
function integerLength(head: string): number | undefined {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 97 + 2
  if (head >= 'A' && head <= 'Z') return 90 - head.charCodeAt(0) + 2
  return undefined
}

/** What is wrong with `key` as a position, in words a person reads, or undefined for a valid key. */
export function positionProblem(key: string): string | undefined {
  if (key.length > LIMITS.position) return `Must be at most ${LIMITS.position} characters`
  return formatProblem(key)
}

/** positionProblem without the length limit: keys a list already holds are read whatever their length. */
export function formatProblem(key: string): string | undefined {
  if (key.length === 0) return 'Must not be empty'
  for (const char of key) if (digitValue(char) < 0) return 'Must hold only the digits 0-9, A-Z and a-z'
  const length = integerLength(key[0] as string)
  if (length === undefined || length > key.length || key.startsWith(SMALLEST_INTEGER))
    return 'Must start with a valid integer part (see fractional indexing)'
  if (key.length > length && key.endsWith(ZERO)) return 'Must not end its fraction with 0'
  return undefined
}

export const isPosition = (key: string): boolean => positionProblem(key) === undefined

function integerPart(key: string): string {
  return key.slice(0, integerLength(key[0] as string))
}

/** The fraction halfway (roughly) between two fractions, `a` < `b` (null: 1). */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0
    while ((a[n] ?? ZERO) === b[n]) n++
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n))
  }
  const digitA = a ? digitValue(a[0] as string) : 0
  const digitB = b !== null ? digitValue(b[0] as string) : BASE
  if (digitB - digitA > 1) return digit(Math.round((digitA + digitB) / 2))
  if (b !== null && b.length > 1) return b.slice(0, 1)
  return digit(digitA) + midpoint(a.slice(1), null)
}

/** The next integer part, or undefined past the largest ('z' and 26 'z's). */
function increment(int: string): string | undefined {
  const head = int[0] as string
  const digits = int.slice(1).split('')
  let carry = true
  for (let i = digits.length - 1; carry && i >= 0; i--) {
    const d = digitValue(digits[i] as string) + 1
    if (d === BASE) digits[i] = ZERO
    else {
      digits[i] = digit(d)
      carry = false
    }
  }
  if (!carry) return head + digits.join('')
  if (head === 'Z') return `a${ZERO}`
  if (head === 'z') return undefined
  const next = String.fromCharCode(head.charCodeAt(0) + 1)
  if (next > 'a') digits.push(ZERO)
  else digits.pop()
  return next + digits.join('')
}

/** The previous integer part, or undefined below the smallest. */
function decrement(int: string): string | undefined {
  const head = int[0] as string
  const digits = int.slice(1).split('')
  let borrow = true
  for (let i = digits.length - 1; borrow && i >= 0; i--) {
    const d = digitValue(digits[i] as string) - 1
    if (d === -1) digits[i] = digit(BASE - 1)
    else {
      digits[i] = digit(d)
      borrow = false
    }
  }
  if (!borrow) return head + digits.join('')
  if (head === 'a') return `Z${digit(BASE - 1)}`
  if (head === 'A') return undefined
  const previous = String.fromCharCode(head.charCodeAt(0) - 1)
  if (previous < 'Z') digits.push(digit(BASE - 1))
  else digits.pop()
  return previous + digits.join('')
}

function assertKey(key: string | null): void {
  if (key === null) return
  const problem = formatProblem(key)
  if (problem) throw new Error(`Not a position key (${problem}): ${key}`)
}

/**
 * The shortest key strictly between `a` and `b` (null: the list's start or end), without jitter. Appending
 * (b null) or prepending (a null) steps the integer part, so a list built by appends keeps short keys.
 * Throws unless a < b; keys longer than the limit are accepted here (the caller checks what it makes).
 */
export function keyBetween(a: string | null, b: string | null): string {
  assertKey(a)
  assertKey(b)
  if (a !== null && b !== null && a >= b) throw new Error(`Position ${a} is not before ${b}`)
  if (a === null) {
    if (b === null) return `a${ZERO}`
    const ib = integerPart(b)
    const fb = b.slice(ib.length)
    if (ib === SMALLEST_INTEGER) return ib + midpoint('', fb)
    if (ib < b) return ib
    const previous = decrement(ib)
    if (previous === undefined) throw new Error('No position before the smallest one')
    return previous
  }
  const ia = integerPart(a)
  const fa = a.slice(ia.length)
  if (b === null) return increment(ia) ?? ia + midpoint(fa, null)
  const ib = integerPart(b)
  if (ia === ib) return ia + midpoint(fa, b.slice(ib.length))
  const next = increment(ia)
  if (next === undefined) throw new Error('No position after the largest one')
  return next < b ? next : ia + midpoint(fa, null)
}

export type Random = () => number

/** `count` random digits, the last never '0' (a fraction must not end in 0). */
function jitter(random: Random, count = JITTER_DIGITS): string {
  let out = ''
  for (let i = 0; i < count; i++) {
    const last = i === count - 1
    out += digit(last ? 1 + Math.floor(random() * (BASE - 1)) : Math.floor(random() * BASE))
  }
  return out
}

/**
 * A jittered key strictly between `a` and `b`: a key between them that is no prefix of `b`, plus random digits.
 * Any digits after such a key stay between the two, so the jitter never breaks the order. Undefined when the key
 * would be longer than LIMITS.position (the caller spreads the list anew: `spreadPositions`).
 */
export function positionBetween(a: string | null, b: string | null, random: Random = Math.random) {
  // Before the first key, one integer below its integer part (keyBetween's bare integer part would be a prefix of
  // a jittered key, and prepends would then grow the fraction instead of stepping the integer).
  const below = a === null && b !== null ? decrement(integerPart(b)) : undefined
  let key = below ?? keyBetween(a, b)
  while (b?.startsWith(key)) key = keyBetween(key, b)
  const jittered = key + jitter(random)
  return jittered.length > LIMITS.position ? undefined : jittered
}

/**
 * `count` jittered keys in ascending order between `a` and `b`, as for a run of items put there at once (an
 * import, a sort): each between its neighbours, split in halves so that the keys stay short. Undefined when one
 * would be too long.
 */
export function positionsBetween(
  a: string | null,
  b: string | null,
  count: number,
  random: Random = Math.random
): string[] | undefined {
  if (count === 0) return []
  if (a === null && b === null) {
    const first = positionBetween(null, null, random) as string
    const rest = positionsBetween(first, null, count - 1, random)
    return rest && [first, ...rest]
  }
  if (b === null || a === null) {
    // Towards an open end, keys step the integer part one after the other (short keys, as appends make).
    const out: string[] = []
    let edge = a === null ? b : a
    for (let i = 0; i < count; i++) {
      const key = a === null ? positionBetween(null, edge, random) : positionBetween(edge, b, random)
      if (key === undefined) return undefined
      out.push(key)
      edge = key
    }
    return a === null ? out.reverse() : out
  }
  const mid = Math.floor(count / 2)
  const key = positionBetween(a, b, random)
  if (key === undefined) return undefined
  const before = positionsBetween(a, key, mid, random)
  const after = positionsBetween(key, b, count - mid - 1, random)
  return before && after ? [...before, key, ...after] : undefined
}

/**
 * The key of the `rank`-th item (0-based) of a list spread anew: 'c' and three digits, so every rank key has
 * the same length and sorts as its rank. The database migration and a reorder through the REST API make the same
 * keys in SQL (worker/routes/shared/reorder.ts); lists are smaller than RANK_CAPACITY (QUOTAS).
 */
export function rankPosition(rank: number): string {
  if (!Number.isInteger(rank) || rank < 0 || rank >= RANK_CAPACITY) throw new Error(`No rank key for ${rank}`)
  let out = ''
  for (let i = RANK_DIGITS - 1, rest = rank; i >= 0; i--, rest = Math.floor(rest / BASE))
    out = digit(rest % BASE) + out
  return RANK_HEAD + out
}
export const RANK_CAPACITY = BASE ** RANK_DIGITS

/** Every item of a list, in its order, gets a rank key: what happens when a key would grow past the limit. */
export const spreadPositions = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => rankPosition(i))

/**
 * A key from the clock (`ms` since 1970, as 'g' and 7 digits): later than every key an earlier clock gave, and
 * than every rank key. The REST API appends with it, in one statement that cannot read the list's last key first
 * (worker/routes/shared/positions.ts); a list that already ends past it gets its last key and a suffix instead.
 */
export function clockPosition(ms: number): string {
  let out = ''
  for (let i = 0, rest = Math.floor(ms); i < CLOCK_DIGITS; i++, rest = Math.floor(rest / BASE))
    out = digit(rest % BASE) + out
  return CLOCK_HEAD + out
}

/** Random digits for a key made from another key and a suffix (a REST append after the list's last key). */
export const positionSuffix = (random: Random = Math.random): string => jitter(random)
