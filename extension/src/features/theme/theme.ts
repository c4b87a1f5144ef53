// Light, dark or the system's theme; stored in localStorage so it applies before the first paint.
import { createSignal } from 'solid-js'
import { readLocal, writeLocal } from '../../local-storage'

export type Theme = 'light' | 'dark' | 'system'

const KEY = 'bookmarks-index:theme'

const stored = (): Theme => {
  const value = readLocal(KEY)
  return value === 'light' || value === 'dark' ? value : 'system'
}

const [theme, setThemeSignal] = createSignal<Theme>(stored())

export { theme }

export function applyTheme(value: Theme = theme()): void {
  if (value === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = value
}

export function setTheme(value: Theme): void {
  writeLocal(KEY, value === 'system' ? null : value)
  setThemeSignal(value)
  applyTheme(value)
}
