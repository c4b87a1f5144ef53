// JSON text of bookmarks for a record written again and again (a group's record, the start view): an unchanged
// bookmark is the very object it was (entities are replaced, never edited in place: apply.ts), so its text from the
// record's last write is reused and only what changed is serialised. A memo keeps only its last write's objects.
import type { Bookmark } from './types'

export class JsonMemo {
  private last = new Map<Bookmark, string>()

  /** Each bookmark's JSON text, in order. */
  texts(list: readonly Bookmark[]): string[] {
    const next = new Map<Bookmark, string>()
    const texts = list.map((b) => {
      const text = this.last.get(b) ?? JSON.stringify(b)
      next.set(b, text)
      return text
    })
    this.last = next
    return texts
  }

  /** `JSON.stringify(list)`. */
  list(list: readonly Bookmark[]): string {
    return `[${this.texts(list).join(',')}]`
  }

  /** `JSON.stringify` of the table of `list` by id. */
  table(list: readonly Bookmark[]): string {
    const texts = this.texts(list)
    return `{${list.map((b, i) => `${JSON.stringify(b.id)}:${texts[i]}`).join(',')}}`
  }
}

/** One memo per key, for the few keys written last (a group's record is rewritten while the person works in it). */
export class JsonMemos {
  private readonly memos = new Map<string, JsonMemo>()
  constructor(private readonly keep: number) {}

  of(key: string): JsonMemo {
    const memo = this.memos.get(key) ?? new JsonMemo()
    this.memos.delete(key)
    this.memos.set(key, memo)
    for (const old of this.memos.keys()) {
      if (this.memos.size <= this.keep) break
      this.memos.delete(old)
    }
    return memo
  }
}
