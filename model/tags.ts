// Tag rules: a tag is trimmed text without commas (Netscape files list tags as TAGS="a,b"), kept once per bookmark.
import { LIMITS } from './limits'
import { cutText, storableText } from './text'

/** `#Rust  lang ` → `Rust lang`: no leading #, inner whitespace collapsed, commas gone. */
export const cleanTag = (raw: string): string =>
  cutText(storableText(raw).replace(/^#+/, '').replaceAll(',', ' ').replace(/\s+/g, ' ').trim(), LIMITS.tag)

/** One bookmark's tags: cleaned, empty ones dropped, each kept once (case-insensitive), at most LIMITS.tags. */
export function cleanTags(raw: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const tag of raw.map(cleanTag)) {
    const key = tag.toLowerCase()
    if (!tag || seen.has(key)) continue
    seen.add(key)
    out.push(tag)
    if (out.length === LIMITS.tags) break
  }
  return out
}

/** What a person types in the tags box, or a Netscape TAGS attribute: comma-separated. */
export const parseTags = (text: string): string[] => cleanTags(text.split(','))

export const formatTags = (tags: readonly string[]): string => tags.join(', ')

/** Tags match case-insensitively: `#rust` finds `Rust`. */
export const tagKey = (tag: string): string => tag.toLowerCase()
