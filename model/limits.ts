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
  /**
   * A position key (model/position.ts), in characters. Keys grow about one character for every six items put
   * at one same spot; a key that would grow past this is never made: the list gets fresh short keys instead.
   */
  position: 64,
  /** Ids in one reorder. */
  orderedIds: 1000,
  /** Bookmarks in one bulk create. */
  bulkBookmarks: 5000
} as const

/**
 * What one account may hold, counted over its live rows (tombstones are not counted). Each is about ten times
 * what a heavy user has, so a person never meets them while a runaway client or a script cannot grow the
 * database without end (see README, Limits). `bytes` is the UTF-8 size of the text people write: names, icons,
 * colours, titles, URLs, favicon URLs, descriptions and tags.
 */
export const QUOTAS = {
  spaces: 1_000,
  groups: 10_000,
  bookmarks: 100_000,
  bytes: 100_000_000
} as const
export type QuotaName = keyof typeof QUOTAS

/** Items on one page of a list route (`GET /v1/spaces`, `/v1/groups`, `/v1/bookmarks`): `limit`'s default and most. */
export const PAGE_SIZE = { default: 500, max: 1000 } as const
