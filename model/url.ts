// URL rules for bookmarks, both sides: the schemes allowed, what a person may type, and when two links are the same.
import { LIMITS } from './limits'

/** Schemes a bookmark may point at; script-running schemes (javascript:, data:) are refused. */
export const URL_SCHEMES = [
  'http:',
  'https:',
  'ftp:',
  'file:',
  'chrome:',
  'chrome-extension:',
  'edge:',
  'about:',
  'mailto:'
] as const

/** Why a full URL cannot be stored as a bookmark's address, or null when it can. The API's rule. */
export function urlProblem(value: string): string | null {
  if (!URL.canParse(value)) return 'Must be a full URL such as https://example.com'
  const { protocol } = new URL(value)
  if (!(URL_SCHEMES as readonly string[]).includes(protocol))
    return `Must use one of: ${URL_SCHEMES.join(' ')}`
  if (value.length > LIMITS.url) return `Must be at most ${LIMITS.url} characters`
  return null
}

export type UrlCheck = { ok: true; url: string } | { ok: false; error: string }

const hasScheme = /^[a-z][a-z0-9+.-]*:/i
const isIp = (host: string) => /^\d+(\.\d+){3}$/.test(host) || host.startsWith('[')
const isHost = (host: string) => host === 'localhost' || host.includes('.') || isIp(host)
/** `localhost:3000` and `192.168.1.2` are local servers, which rarely speak https. */
const isLocal = (text: string) => /^(localhost|\d+(\.\d+){3}|\[[0-9a-f:.]+\])(:\d+)?(\/|$)/i.test(text)

/** What a person typed: `example.com/page` becomes `https://example.com/page`; says what is wrong otherwise. */
export function checkUrl(raw: string): UrlCheck {
  const text = raw.trim()
  if (!text) return { ok: false, error: 'Enter an address, for example example.com' }
  if (/\s/.test(text)) return { ok: false, error: 'An address cannot contain spaces' }
  const withScheme =
    hasScheme.test(text) && !/^[^/]+:\d+/.test(text) ? text : `${isLocal(text) ? 'http' : 'https'}://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return { ok: false, error: 'This is not a valid address' }
  }
  if (!(URL_SCHEMES as readonly string[]).includes(url.protocol))
    return { ok: false, error: `Addresses starting with ${url.protocol} are not supported` }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !isHost(url.hostname)) {
    return { ok: false, error: 'The address needs a domain, for example example.com' }
  }
  if (url.href.length > LIMITS.url)
    return {
      ok: false,
      error: `This address is too long (over ${LIMITS.url.toLocaleString('en')} characters)`
    }
  const problem = urlProblem(url.href)
  return problem ? { ok: false, error: problem } : { ok: true, url: url.href }
}

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

/** A title for a link that has none: its host, or for mailto:, about: and the like the address without its scheme. */
export function titleFromUrl(url: string): string {
  const host = hostOf(url)
  if (host && host !== url) return host
  return url.replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, '').slice(0, LIMITS.title) || url.slice(0, LIMITS.title)
}
