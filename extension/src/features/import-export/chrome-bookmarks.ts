// Reads the browser's own bookmarks (chrome.bookmarks) as folders by path, its top-level folders as wrappers.
import { FolderCollector, type ImportFolder } from './folders'

export const canReadChromeBookmarks = (): boolean =>
  typeof chrome !== 'undefined' && typeof chrome.bookmarks?.getTree === 'function'

export async function readChromeBookmarks(): Promise<ImportFolder[]> {
  if (!canReadChromeBookmarks() || typeof chrome === 'undefined')
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
