// The chrome.* APIs for code that only ever runs inside the extension (service worker, popup), where they always exist.

/** `chrome`, typed as present; throws when the code runs outside the extension, which would be a wiring bug. */
export function ext(): NonNullable<typeof chrome> {
  if (typeof chrome === 'undefined' || !chrome.runtime?.id)
    throw new Error('This runs only inside the Bookmarks Index extension')
  return chrome
}

/** The extension's own pages (new tab, popup): never saved as bookmarks. */
export function isOwnPage(url: string | undefined): boolean {
  if (!url) return false
  return url.startsWith(`chrome-extension://${ext().runtime.id}/`) || /^chrome:\/\/newtab\/?$/.test(url)
}
