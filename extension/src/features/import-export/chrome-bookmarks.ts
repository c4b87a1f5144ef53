// Reads the browser's own bookmarks (chrome.bookmarks) as folders by path, its top-level folders as wrappers.
// `bookmarks` is an optional permission: asked for on first use, and chrome.bookmarks exists only once granted.
import { FolderCollector, type ImportFolder } from './folders'

/** Whether this page can offer Chrome's bookmarks: an extension page, which may ask for the permission. */
export const canReadChromeBookmarks = (): boolean =>
  typeof chrome !== 'undefined' &&
  !!chrome.runtime?.id &&
  (typeof chrome.bookmarks?.getTree === 'function' || typeof chrome.permissions?.request === 'function')

/** The person did not allow reading Chrome's bookmarks (or Chrome could not ask): nothing was read. */
export class BookmarksPermissionRefused extends Error {
  constructor() {
    super(
      'Nothing was imported: reading Chrome’s bookmarks needs your permission, which was not given. ' +
        'Press “Import Chrome bookmarks” again to allow it.'
    )
    this.name = 'BookmarksPermissionRefused'
  }
}

/**
 * Asks for the `bookmarks` permission (at once when granted before). Call it straight from the click, before
 * any await: Chrome shows its prompt only during the person's gesture.
 */
export function requestBookmarksPermission(): Promise<boolean> {
  if (typeof chrome === 'undefined' || typeof chrome.permissions?.request !== 'function')
    return Promise.resolve(typeof chrome?.bookmarks?.getTree === 'function')
  return chrome.permissions.request({ permissions: ['bookmarks'] }).catch(() => false)
}

/** Reads Chrome's bookmarks once `granted` (requestBookmarksPermission's answer) says it may. */
export async function readChromeBookmarks(granted: Promise<boolean>): Promise<ImportFolder[]> {
  if (!(await granted)) throw new BookmarksPermissionRefused()
  if (typeof chrome === 'undefined' || typeof chrome.bookmarks?.getTree !== 'function')
    throw new Error('Chrome bookmarks are not available here')
  const tree = await chrome.bookmarks.getTree()
  const collector = new FolderCollector()
  const walk = (node: chrome.bookmarks.BookmarkTreeNode, path: string[]) => {
    if (node.url !== undefined) {
      collector.add(path, path.length > 0, {
        title: node.title || node.url,
        url: node.url,
        addedAt: node.dateAdded ? new Date(node.dateAdded).toISOString() : undefined
      })
      return
    }
    // The tree's root has no title; its children ("Bookmarks bar", "Other bookmarks"…) are Chrome's own
    // folders, so every path starts with one of them.
    const next = node.title ? [...path, node.title] : path
    if (node.title) collector.open(next, true)
    for (const child of node.children ?? []) walk(child, next)
  }
  for (const root of tree) walk(root, [])
  return collector.folders
}
