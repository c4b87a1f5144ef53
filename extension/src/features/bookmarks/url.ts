// URL rules for bookmarks: what a person may type, and what counts as the same bookmark when importing.

export type UrlCheck = { ok: true; url: string } | { ok: false; error: string }

const hasScheme = /^[a-z][a-z0-9+.-]*:/i
// The schemes the API accepts; script-running ones such as javascript: are refused on both sides.
const allowed = new Set([
  'http:',
  'https:',
  'ftp:',
  'file:',
  'chrome:',
  'chrome-extension:',
  'edge:',
  'about:',
  'mailto:'
])
export const MAX_URL_LENGTH = 2048

/** Accepts `example.com/page` as `https://example.com/page`; explains what is wrong otherwise. */
export function checkUrl(raw: string): UrlCheck {
  const text = raw.trim()
  if (!text) return { ok: false, error: 'Enter an address, for example example.com' }
  if (/\s/.test(text)) return { ok: false, error: 'An address cannot contain spaces' }
  const withScheme = hasScheme.test(text) && !/^[^/]+:\d+/.test(text) ? text : `https://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return { ok: false, error: 'This is not a valid address' }
  }
  if (!allowed.has(url.protocol))
    return { ok: false, error: `Addresses starting with ${url.protocol} are not supported` }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !isHost(url.hostname)) {
    return { ok: false, error: 'The address needs a domain, for example example.com' }
  }
  if (url.href.length > MAX_URL_LENGTH)
    return { ok: false, error: 'This address is too long (over 2,048 characters)' }
  return { ok: true, url: url.href }
}

const isHost = (host: string) =>
  host === 'localhost' || host.includes('.') || host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)

/** The key two bookmarks share when they are "the same link": scheme, www, trailing slash and tracking ignored. */
export function normalizeUrl(raw: string): string {
  try {
    const url = new URL(raw.trim())
    const host = url.hostname.toLowerCase().replace(/^www\./, '')
    const params = [...url.searchParams].filter(([key]) => !/^(utm_|fbclid|gclid)/i.test(key))
    params.sort(([a], [b]) => a.localeCompare(b))
    const query = params.length ? `?${new URLSearchParams(params).toString()}` : ''
    const path = url.pathname.replace(/\/+$/, '')
    const scheme = url.protocol === 'http:' ? 'https:' : url.protocol
    return `${scheme}//${host}${url.port ? `:${url.port}` : ''}${path}${query}`
  } catch {
    return raw.trim().toLowerCase()
  }
}

export const hostOf = (raw: string): string => {
  try {
    return new URL(raw).hostname.replace(/^www\./, '')
  } catch {
    return raw
  }
}
