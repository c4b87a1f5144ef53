import { describe, expect, it } from 'vitest'
import { bookmark, group } from '../../test/fixtures'
import { JsonMemo, JsonMemos } from './json-memo'

const g = group('group_1', 'space_1', 0)
const list = [bookmark('bookmark_1', g, 0), bookmark('bookmark_2', g, 1)]

describe('JSON text remembered per bookmark', () => {
  it('writes what JSON.stringify writes, for a list and for a table by id', () => {
    const memo = new JsonMemo()
    expect(memo.list(list)).toBe(JSON.stringify(list))
    expect(JSON.parse(memo.table(list))).toEqual(Object.fromEntries(list.map((b) => [b.id, b])))
    expect(new JsonMemo().list([])).toBe('[]')
  })

  it('serialises a replaced bookmark afresh and reuses the others’ text', () => {
    const memo = new JsonMemo()
    memo.list(list)
    const replaced = [{ ...list[0], title: 'Renamed' } as (typeof list)[0], list[1] as (typeof list)[0]]
    expect(memo.list(replaced)).toBe(JSON.stringify(replaced))
  })

  it('keeps memos for the few keys used last only', () => {
    const memos = new JsonMemos(2)
    const a = memos.of('a')
    memos.of('b')
    memos.of('c')
    expect(memos.of('a')).not.toBe(a)
    expect(memos.of('c')).toBe(memos.of('c'))
  })
})
