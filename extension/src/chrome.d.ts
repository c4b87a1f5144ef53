// The few extension APIs the new tab uses; absent outside the extension (tests, plain pages).
declare namespace chrome {
  namespace runtime {
    const id: string | undefined
    function getURL(path: string): string
  }
  namespace tabs {
    function create(properties: { url: string; active?: boolean }): Promise<unknown>
    function update(properties: { url: string }): Promise<unknown>
  }
  namespace bookmarks {
    type BookmarkTreeNode = {
      id: string
      title: string
      url?: string
      dateAdded?: number
      children?: BookmarkTreeNode[]
    }
    function getTree(): Promise<BookmarkTreeNode[]>
  }
}

declare var chrome: typeof chrome | undefined
