// The extension APIs the new tab, the popup and the service worker use; absent outside the extension (tests, plain pages).
declare namespace chrome {
  type ChromeEvent<Listener> = {
    addListener(listener: Listener): void
    removeListener(listener: Listener): void
  }

  namespace runtime {
    const id: string | undefined
    /** Set while a callback runs, when the call it answers failed. */
    const lastError: { message?: string } | undefined
    function getURL(path: string): string
    type InstalledDetails = { reason: string }
    type MessageSender = { tab?: tabs.Tab; url?: string; id?: string }
    const onInstalled: ChromeEvent<(details: InstalledDetails) => void>
    const onStartup: ChromeEvent<() => void>
    /** Return true to answer later through `sendResponse`. */
    const onMessage: ChromeEvent<
      (
        message: unknown,
        sender: MessageSender,
        sendResponse: (response?: unknown) => void
      ) => boolean | undefined
    >
    function sendMessage(message: unknown): Promise<unknown>
    type ContextType = 'TAB' | 'POPUP' | 'BACKGROUND' | 'OFFSCREEN_DOCUMENT' | 'SIDE_PANEL'
    type ExtensionContext = { contextType: ContextType; documentUrl?: string; tabId: number }
    function getContexts(filter: {
      contextTypes?: ContextType[]
      documentUrls?: string[]
    }): Promise<ExtensionContext[]>
  }

  /** A hidden extension page the service worker opens for what only a page can do (background/sync.ts). */
  namespace offscreen {
    type Reason = 'LOCAL_STORAGE' | 'WORKERS' | 'DOM_PARSER' | 'BLOBS'
    function createDocument(parameters: {
      url: string
      reasons: Reason[]
      justification: string
    }): Promise<void>
  }

  namespace tabs {
    /** `url`, `title` and `favIconUrl` are there only with the `tabs` permission or `activeTab`'s grant. */
    type Tab = {
      id?: number
      windowId: number
      index: number
      active: boolean
      pinned: boolean
      url?: string
      pendingUrl?: string
      title?: string
      favIconUrl?: string
      groupId?: number
    }
    type CreateProperties = {
      url: string
      active?: boolean
      windowId?: number
      index?: number
      pinned?: boolean
    }
    type UpdateProperties = { url?: string; active?: boolean; pinned?: boolean }
    type QueryInfo = {
      active?: boolean
      currentWindow?: boolean
      lastFocusedWindow?: boolean
      windowId?: number
      url?: string | string[]
      pinned?: boolean
    }
    function create(properties: CreateProperties): Promise<Tab>
    function update(properties: UpdateProperties): Promise<Tab | undefined>
    function update(tabId: number, properties: UpdateProperties): Promise<Tab | undefined>
    function get(tabId: number): Promise<Tab>
    function query(info: QueryInfo): Promise<Tab[]>
    function remove(tabIds: number | number[]): Promise<void>
    function group(options: {
      tabIds: number | number[]
      createProperties?: { windowId?: number }
    }): Promise<number>
    const onActivated: ChromeEvent<(info: { tabId: number; windowId: number }) => void>
    const onUpdated: ChromeEvent<
      (tabId: number, change: { status?: string; url?: string; title?: string }, tab: Tab) => void
    >
  }

  namespace windows {
    type Window = { id?: number; tabs?: tabs.Tab[]; focused: boolean }
    function create(data?: {
      url?: string | string[]
      focused?: boolean
      type?: 'normal' | 'popup'
    }): Promise<Window>
    function getCurrent(): Promise<Window>
  }

  namespace tabGroups {
    type Color = 'grey' | 'blue' | 'red' | 'yellow' | 'green' | 'pink' | 'purple' | 'cyan' | 'orange'
    function update(
      groupId: number,
      properties: { title?: string; color?: Color; collapsed?: boolean }
    ): Promise<unknown>
    function get(groupId: number): Promise<{ id: number; title?: string; color: Color; windowId: number }>
  }

  namespace contextMenus {
    type ContextType =
      | 'all'
      | 'page'
      | 'frame'
      | 'selection'
      | 'link'
      | 'editable'
      | 'image'
      | 'video'
      | 'audio'
    type OnClickData = {
      menuItemId: string | number
      pageUrl?: string
      linkUrl?: string
      selectionText?: string
      frameUrl?: string
    }
    function create(
      properties: {
        id: string
        title: string
        parentId?: string
        contexts?: ContextType[]
        documentUrlPatterns?: string[]
        targetUrlPatterns?: string[]
      },
      callback?: () => void
    ): string | number
    function removeAll(): Promise<void>
    const onClicked: ChromeEvent<(info: OnClickData, tab?: tabs.Tab) => void>
  }

  namespace action {
    function setBadgeText(details: { text: string; tabId?: number }): Promise<void>
    function getBadgeText(details: { tabId?: number }): Promise<string>
    function setBadgeBackgroundColor(details: { color: string; tabId?: number }): Promise<void>
    function setTitle(details: { title: string; tabId?: number }): Promise<void>
    function getTitle(details: { tabId?: number }): Promise<string>
  }

  namespace storage {
    type StorageArea = {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>
      set(items: Record<string, unknown>): Promise<void>
      remove(keys: string | string[]): Promise<void>
    }
    const local: StorageArea
    type StorageChange = { oldValue?: unknown; newValue?: unknown }
    const onChanged: ChromeEvent<(changes: Record<string, StorageChange>, areaName: string) => void>
  }

  namespace permissions {
    type Permissions = { permissions?: string[]; origins?: string[] }
    function request(permissions: Permissions): Promise<boolean>
    function contains(permissions: Permissions): Promise<boolean>
    const onAdded: ChromeEvent<(permissions: Permissions) => void>
    const onRemoved: ChromeEvent<(permissions: Permissions) => void>
  }

  namespace omnibox {
    type SuggestResult = { content: string; description: string; deletable?: boolean }
    type OnInputEnteredDisposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab'
    function setDefaultSuggestion(suggestion: { description: string }): void
    const onInputChanged: ChromeEvent<(text: string, suggest: (results: SuggestResult[]) => void) => void>
    const onInputEntered: ChromeEvent<(text: string, disposition: OnInputEnteredDisposition) => void>
  }

  namespace commands {
    const onCommand: ChromeEvent<(command: string, tab?: tabs.Tab) => void>
  }

  namespace bookmarks {
    type BookmarkTreeNode = {
      id: string
      parentId?: string
      index?: number
      title: string
      url?: string
      dateAdded?: number
      children?: BookmarkTreeNode[]
    }
    function getTree(): Promise<BookmarkTreeNode[]>
    function getSubTree(id: string): Promise<BookmarkTreeNode[]>
    function getChildren(id: string): Promise<BookmarkTreeNode[]>
    function search(
      query: string | { url?: string; title?: string; query?: string }
    ): Promise<BookmarkTreeNode[]>
    function create(bookmark: {
      parentId?: string
      index?: number
      title?: string
      url?: string
    }): Promise<BookmarkTreeNode>
    function update(id: string, changes: { title?: string; url?: string }): Promise<BookmarkTreeNode>
    function move(id: string, destination: { parentId?: string; index?: number }): Promise<BookmarkTreeNode>
    function remove(id: string): Promise<void>
    function removeTree(id: string): Promise<void>
    /** The mirror only needs to hear that something changed, not what (it compares the whole folder). */
    type AnyChange = ChromeEvent<(...details: unknown[]) => void>
    const onCreated: AnyChange
    const onRemoved: AnyChange
    const onChanged: AnyChange
    const onMoved: AnyChange
    const onChildrenReordered: AnyChange
    const onImportEnded: AnyChange
  }
}

declare var chrome: typeof chrome | undefined
