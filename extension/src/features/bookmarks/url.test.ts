import { describe, expect, it } from 'vitest'
import { checkUrl, normalizeUrl } from './url'

describe('checkUrl', () => {
  it('adds https:// to an address typed without a scheme', () => {
    expect(checkUrl('example.com/docs')).toEqual({ ok: true, url: 'https://example.com/docs' })
    expect(checkUrl('localhost:3000')).toEqual({ ok: true, url: 'https://localhost:3000/' })
  })
  it('keeps explicit schemes', () => {
    expect(checkUrl(' http://a.b/c ')).toEqual({ ok: true, url: 'http://a.b/c' })
  })
  it('explains what is wrong', () => {
    expect(checkUrl('')).toMatchObject({ ok: false, error: expect.stringMatching(/Enter an address/) })
    expect(checkUrl('not a url')).toMatchObject({ ok: false, error: expect.stringMatching(/spaces/) })
    expect(checkUrl('intranet')).toMatchObject({ ok: false, error: expect.stringMatching(/domain/) })
    expect(checkUrl('javascript:alert(1)')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not supported/)
    })
  })
})

describe('normalizeUrl', () => {
  it('treats scheme, www, trailing slash, fragment and tracking parameters as the same link', () => {
    const key = normalizeUrl('https://example.com/a?b=1')
    expect(normalizeUrl('http://www.Example.com/a/?utm_source=x&b=1#top')).toBe(key)
  })
  it('keeps different pages apart', () => {
    expect(normalizeUrl('https://example.com/a')).not.toBe(normalizeUrl('https://example.com/b'))
  })
})
