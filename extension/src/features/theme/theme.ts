// Light, dark or the system's theme; stored in localStorage so it applies before the first paint.
import { createSignal } from 'solid-js'

export type Theme = 'light' | 'dark' | 'system'

const KEY = 'bookmarks-index:theme'

const stored = (): Theme => {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

const [theme, setThemeSignal] = createSignal<Theme>(stored())

export { theme }

export function applyTheme(value: Theme = theme()): void {
  if (value === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = value
}

export function setTheme(value: Theme): void {
  try {
    if (value === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, value)
  } catch {
    // The choice still applies to this page.
  }
  setThemeSignal(value)
  applyTheme(value)
}
