import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../model/limits'
import { isStorableText } from '../../../model/text'
import { loadData } from '../store/cache'
import { saveAsGroup, saveBookmark } from './capture'

describe('a capture’s text', () => {
  it('is cut at a character boundary and made storable, as the server takes it', async () => {
    // A tab title with an emoji across the limit, and one with a lone surrogate: neither may be stored as it is.
    const title = `${'a'.repeat(LIMITS.title - 1)}😀 more`
    const saved = await saveBookmark({ url: 'https://example.com/long', title })
    expect(saved.status).toBe('saved')
    const lone = await saveBookmark({ url: 'https://example.com/lone', title: 'half \ud83d of an emoji' })
    const tabs = await saveAsGroup(`${'g'.repeat(LIMITS.name - 1)}😀`, [{ url: 'https://example.com/t' }])

    const data = await loadData('local')
    const titles = Object.values(data?.bookmarks ?? {}).map((b) => b.title)
    expect(titles).toContain('a'.repeat(LIMITS.title - 1))
    expect(lone.status === 'saved' && lone.bookmark.title).toBe('half \ufffd of an emoji')
    expect(tabs.group.name).toBe('g'.repeat(LIMITS.name - 1))
    const texts = [...titles, ...Object.values(data?.groups ?? {}).map((g) => g.name)]
    expect(texts.filter((text) => !isStorableText(text))).toEqual([])
  })
})
