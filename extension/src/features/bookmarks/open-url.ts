// Opens a bookmark. A page may link to web and mail addresses only: chrome://, file://, about: and the like are
// opened through the tabs API instead, so that such a bookmark never is a dead tile.
const PAGE_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'mailto:'])

/** True when a plain link cannot open `url` (the browser would say "Not allowed to load local resource"). */
export function needsTabs(url: string): boolean {
  try {
    return !PAGE_SCHEMES.has(new URL(url).protocol)
  } catch {
    return false
  }
}

/** Opens `url` in this tab, or in a new one in the background. */
export function openUrl(url: string, newTab: boolean): void {
  const tabs = typeof chrome === 'undefined' ? undefined : chrome.tabs
  if (needsTabs(url) && tabs) {
    void (newTab ? tabs.create({ url, active: false }) : tabs.update({ url }))
  } else if (newTab) window.open(url, '_blank', 'noopener')
  else window.location.assign(url)
}
