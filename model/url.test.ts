import { describe, expect, it } from 'vitest'
import { checkUrl, normalizeUrl, titleFromUrl, urlProblem } from './url'

describe('checkUrl', () => {
  it('adds https:// to an address typed without a scheme, http:// for localhost and IP addresses', () => {
    expect(checkUrl('example.com/docs')).toEqual({ ok: true, url: 'https://example.com/docs' })
    expect(checkUrl('localhost:3000')).toEqual({ ok: true, url: 'http://localhost:3000/' })
    expect(checkUrl('192.168.1.20/admin')).toEqual({ ok: true, url: 'http://192.168.1.20/admin' })
    expect(checkUrl('[::1]:8080')).toEqual({ ok: true, url: 'http://[::1]:8080/' })
  })
  it('accepts only what the API accepts', () => {
    for (const typed of ['example.com', 'mailto:a@b.c', 'about:blank', 'localhost:3000', 'ftp://x.y/z']) {
      const checked = checkUrl(typed)
      expect(checked.ok && urlProblem(checked.url)).toBe(null)
    }
    expect(checkUrl(`example.com/${'a'.repeat(2048)}`)).toMatchObject({ ok: false, error: /too long/ })
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

describe('titleFromUrl', () => {
  it('gives every address a title the API takes', () => {
    expect(titleFromUrl('https://www.example.com/a')).toBe('example.com')
    expect(titleFromUrl('mailto:ada@example.com')).toBe('ada@example.com')
    expect(titleFromUrl('about:blank')).toBe('blank')
  })
})
