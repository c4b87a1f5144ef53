// A round site icon: Chrome's own favicon cache (no third-party service sees the URL), initials beneath it.
import { createSignal, Show } from 'solid-js'

const palette = ['#4f46e5', '#0e9384', '#d92d20', '#dc6803', '#7a5af8', '#1570ef', '#039855', '#c11574']

const hash = (text: string) => {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0
  return Math.abs(h)
}

export const initials = (title: string, url: string): string => {
  const source = title.trim() || url.replace(/^[a-z]+:\/\/(www\.)?/i, '')
  return (source.match(/[\p{L}\p{N}]/u)?.[0] ?? '?').toUpperCase()
}

export function faviconUrl(pageUrl: string, size = 64): string | undefined {
  if (typeof chrome === 'undefined' || !chrome.runtime?.id) return undefined
  return `${chrome.runtime.getURL('/_favicon/')}?pageUrl=${encodeURIComponent(pageUrl)}&size=${size}`
}

export function SiteIcon(props: { title: string; url: string }) {
  const [failed, setFailed] = createSignal(false)
  const src = () => faviconUrl(props.url)
  return (
    <span
      class="tile-icon"
      style={{ background: palette[hash(props.url) % palette.length] }}
      aria-hidden="true"
    >
      {initials(props.title, props.url)}
      <Show when={!failed() && src()}>
        {(href) => (
          <span class="tile-icon" style={{ position: 'absolute', inset: '0', 'box-shadow': 'none' }}>
            <img src={href()} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} />
          </span>
        )}
      </Show>
    </span>
  )
}
