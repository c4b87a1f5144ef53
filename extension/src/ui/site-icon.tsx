// A round site icon: Chrome's own favicon cache (no third-party service sees the URL), initials beneath it.
import { createSignal, Show } from 'solid-js'
import { hostOf } from '../../../model/url'

const palette = ['#4f46e5', '#0e9384', '#d92d20', '#dc6803', '#7a5af8', '#1570ef', '#039855', '#c11574']

const hash = (text: string) => {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0
  return Math.abs(h)
}

/** The plate's colour for a letter icon: the site's (its host's), so one site's bookmarks look alike. */
export const letterColour = (url: string): string => palette[hash(hostOf(url)) % palette.length] as string

export const initials = (title: string, url: string): string => {
  const source = title.trim() || url.replace(/^[a-z]+:\/\/(www\.)?/i, '')
  return (source.match(/[\p{L}\p{N}]/u)?.[0] ?? '?').toUpperCase()
}

export function faviconUrl(pageUrl: string, size = 64): string | undefined {
  if (typeof chrome === 'undefined' || !chrome.runtime?.id) return undefined
  return `${chrome.runtime.getURL('/_favicon/')}?pageUrl=${encodeURIComponent(pageUrl)}&size=${size}`
}

// Chrome answers every _favicon request, with a generic globe for sites it has no icon for. That globe is
// recognised by its pixels so such tiles show initials instead, as the owner's extension does.
let defaultIcon: Promise<string | undefined> | undefined

// One canvas for every check: making a 2D context costs more than drawing and reading 16×16 pixels, and a
// screenful of icons (a grid, a search's results) loads at once.
let scratch: CanvasRenderingContext2D | null | undefined

const pixels = (img: HTMLImageElement): string | undefined => {
  if (scratch === undefined) {
    const canvas = document.createElement('canvas')
    canvas.width = 16
    canvas.height = 16
    scratch = canvas.getContext('2d', { willReadFrequently: true })
  }
  const context = scratch
  if (!context) return undefined
  context.clearRect(0, 0, 16, 16)
  context.drawImage(img, 0, 0, 16, 16)
  const data = context.getImageData(0, 0, 16, 16).data
  let h = 0
  for (const value of data) h = (h * 31 + value) | 0
  return String(h)
}

const defaultIconPixels = (): Promise<string | undefined> => {
  defaultIcon ??= new Promise((resolve) => {
    const src = faviconUrl('https://bookmarks-index.invalid/')
    if (!src) return resolve(undefined)
    const img = new Image()
    img.onload = () => resolve(pixels(img))
    img.onerror = () => resolve(undefined)
    img.src = src
  })
  return defaultIcon
}

// Starting 50 favicon loads costs the first paint ~15 ms, so icons are switched on right after it.
const [iconsOn, setIconsOn] = createSignal(false)
export const enableIcons = (): void => {
  setIconsOn(true)
}

/** What each icon turned out to be, by its address: a tile or a search row made again for it reads no pixels. */
const verdicts = new Map<string, 'icon' | 'none'>()

export function SiteIcon(props: { title: string; url: string }) {
  const src = () => (iconsOn() ? faviconUrl(props.url) : undefined)
  const [state, setState] = createSignal<'loading' | 'icon' | 'none'>(verdicts.get(src() ?? '') ?? 'loading')
  const onLoad = async (img: HTMLImageElement) => {
    const href = img.getAttribute('src') ?? ''
    const known = verdicts.get(href)
    if (known) return setState(known)
    const generic = await defaultIconPixels()
    const verdict = generic && pixels(img) === generic ? 'none' : 'icon'
    verdicts.set(href, verdict)
    setState(verdict)
  }
  return (
    <span
      class="tile-icon"
      classList={{ 'has-icon': state() === 'icon' }}
      // The colour follows the site, so one site's bookmarks look alike; under a favicon only the plate shows
      // (a coloured circle behind it left a faint ring at the edge).
      style={state() === 'icon' ? undefined : { background: letterColour(props.url) }}
      aria-hidden="true"
    >
      {initials(props.title, props.url)}
      <Show when={state() !== 'none' && src()}>
        {(href) => (
          <span class="tile-icon-image" classList={{ shown: state() === 'icon' }}>
            <img
              src={href()}
              alt=""
              loading="lazy"
              decoding="async"
              onLoad={(event) => void onLoad(event.currentTarget)}
              onError={() => setState('none')}
            />
          </span>
        )}
      </Show>
    </span>
  )
}
