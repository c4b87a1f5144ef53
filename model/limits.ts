// The entities' limits, written once: the API's schemas, the extension's dialogs and its importers use these.
export const LIMITS = {
  /** A space's or a group's name, in characters (code points). */
  name: 100,
  icon: 32,
  color: 32,
  title: 500,
  url: 2048,
  description: 2000,
  /** One tag, in characters. */
  tag: 40,
  /** Tags on one bookmark. */
  tags: 20,
  /** Ids in one reorder. */
  orderedIds: 1000,
  /** Bookmarks in one bulk create. */
  bulkBookmarks: 5000
} as const
