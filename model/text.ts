// Text rules shared by both sides: what PostgreSQL can store, and how long text is cut without breaking a character.

/**
 * Cuts to at most `max` UTF-16 units (what the API's limits, zod's `max` and an input's `maxlength` count) at a
 * character boundary, so that a cut never leaves half of a surrogate pair (an emoji) behind.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return text.slice(0, end)
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** PostgreSQL refuses NUL in text, and lone surrogates are not text at all (its JSON parser raises on them). */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && !new RegExp(LONE_SURROGATE.source).test(text)

/** Makes any string storable: lone surrogates become U+FFFD, NUL goes. For text read from files. */
export const storableText = (text: string): string =>
  text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '')

/** Text from outside (a file, a tab's title) as a field takes it: storable, trimmed, cut to `max`. */
export const fitText = (text: string, max: number): string => cutText(storableText(text).trim(), max).trim()
