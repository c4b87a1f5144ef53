// The common shape of anything imported: folders (by path) of links, whatever file or API they came from.
import type { Bookmark } from '../../store/types'

/** A link as read: a bookmark's fields (tags and a note when the source has them), unchecked. */
export type ImportLink = Pick<Bookmark, 'title' | 'url'> &
  Partial<Pick<Bookmark, 'description' | 'tags'>> & { addedAt?: string }
export type ImportFolder = { path: string[]; links: ImportLink[] }

/** Collects links by folder path, keeping the order folders first appear in. */
export class FolderCollector {
  #folders = new Map<string, ImportFolder>()

  /** The link added most recently, for a note that follows it. */
  last: ImportLink | undefined

  add(path: string[], link: ImportLink): void {
    this.last = link
    const key = JSON.stringify(path)
    let folder = this.#folders.get(key)
    if (!folder) {
      folder = { path, links: [] }
      this.#folders.set(key, folder)
    }
    folder.links.push(link)
  }

  get folders(): ImportFolder[] {
    return [...this.#folders.values()]
  }
}
