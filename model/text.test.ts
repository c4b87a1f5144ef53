import { describe, expect, it } from 'vitest'
import { cleanTags, formatTags, parseTags } from './tags'
import { cutText, isStorableText, storableText } from './text'

describe('text rules', () => {
  it('cuts at a character boundary: an emoji across the limit goes whole, never half', () => {
    const title = `${'a'.repeat(499)}😀b`
    const cut = cutText(title, 500)
    expect(cut).toBe('a'.repeat(499))
    expect(isStorableText(cut)).toBe(true)
    expect(cutText(`${'a'.repeat(498)}😀b`, 500)).toBe(`${'a'.repeat(498)}😀`)
    expect(cutText('short', 500)).toBe('short')
  })
  it('tells storable text from lone surrogates and NUL, and repairs what a file brings', () => {
    expect(isStorableText('Ünïcode 😀 文字')).toBe(true)
    expect(isStorableText('a\ud800b')).toBe(false)
    expect(isStorableText('a\udc00')).toBe(false)
    expect(isStorableText('a\u0000b')).toBe(false)
    expect(storableText('a\ud800b\u0000c')).toBe('a\ufffdbc')
  })
})

describe('tag rules', () => {
  it('parses what a person types: commas split, # and extra spaces go, each tag once', () => {
    expect(parseTags('#rust, Async  IO ,rust,, web')).toEqual(['rust', 'Async IO', 'web'])
    expect(formatTags(['rust', 'web'])).toBe('rust, web')
  })
  it('keeps at most 20 tags of at most 40 characters', () => {
    const many = cleanTags(Array.from({ length: 30 }, (_, i) => `t${i}`))
    expect(many).toHaveLength(20)
    expect(cleanTags(['x'.repeat(50)])[0]).toHaveLength(40)
  })
})
