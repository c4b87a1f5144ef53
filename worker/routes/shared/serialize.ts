// Rows to API objects: internal columns stay inside, dates become ISO strings.
type Internal = 'userId' | 'version' | 'deletedAt'
export type ApiShape<Row> = { [K in Exclude<keyof Row, Internal>]: Row[K] extends Date ? string : Row[K] }

/** The columns an API object leaves out: the owner and the sync metadata (api-json.ts leaves out the same). */
export const INTERNAL_KEYS: ReadonlySet<string> = new Set<Internal>(['userId', 'version', 'deletedAt'])

export function toApi<Row extends Record<Internal, unknown>>(row: Row): ApiShape<Row> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (INTERNAL_KEYS.has(key)) continue
    out[key] = value instanceof Date ? value.toISOString() : value
  }
  return out as ApiShape<Row>
}
