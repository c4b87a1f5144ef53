// The common shape of anything imported: folders (by path) of links, whatever file or API they came from.
import type { Bookmark } from '../../store/types'

/** A link as read: a bookmark's fields (tags, a note, pinned or archived when the source has them), unchecked. */
export type ImportLink = Pick<Bookmark, 'title' | 'url'> &
  Partial<Pick<Bookmark, 'description' | 'tags' | 'isPinned' | 'isArchived'>> & { addedAt?: string }

/**
 * A folder's links, by its path from the top. `wrapped` says the path starts at one of the browser's own
 * top-level folders (Bookmarks bar, Other bookmarks…), which hold a person's folders but are not one of theirs.
 */
export type ImportFolder = { path: string[]; wrapped: boolean; links: ImportLink[] }

/** What a reader made of a file: its folders, and notes on what it read oddly but still imports. */
export type ImportRead = { folders: ImportFolder[]; notes: string[] }

/**
 * The browser's own top-level folders, in the names Chrome, Edge, Brave and Firefox export them under (English;
 * files also mark the toolbar and Firefox's unfiled folder with attributes, which any language carries).
 */
const WRAPPER_NAMES = new Set([
  'bookmarks bar',
  'bookmarks toolbar',
  'favorites bar',
  'other bookmarks',
  'other favorites',
  'mobile bookmarks',
  'bookmarks menu'
])
export const isWrapperName = (name: string): boolean => WRAPPER_NAMES.has(name.trim().toLowerCase())

/** Collects links by folder path, keeping folders in the order their headings come in the source. */
export class FolderCollector {
  #folders = new Map<string, ImportFolder>()

  /** The link added most recently, for a note that follows it. */
  last: ImportLink | undefined

  #folder(path: string[], wrapped: boolean): ImportFolder {
    const key = JSON.stringify(path)
    let folder = this.#folders.get(key)
    if (!folder) {
      folder = { path, wrapped, links: [] }
      this.#folders.set(key, folder)
    }
    return folder
  }

  /** A folder starts: it takes its place now, before the folders inside it, whether or not links follow. */
  open(path: string[], wrapped: boolean): void {
    this.#folder(path, wrapped)
  }

  add(path: string[], wrapped: boolean, link: ImportLink): void {
    this.last = link
    this.#folder(path, wrapped).links.push(link)
  }

  /** The folders that hold links, in source order (a folder of folders is no group of its own). */
  get folders(): ImportFolder[] {
    return [...this.#folders.values()].filter((folder) => folder.links.length > 0)
  }
}
