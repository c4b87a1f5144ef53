// The common shape of anything imported: folders (by path) of links, whatever file or API they came from.

export type ImportLink = { title: string; url: string; addedAt?: string; description?: string }
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
