import { describe, expect, it } from 'vitest'
import { parseCsv, readCsvTable } from './csv'

describe('the CSV reader', () => {
  it('reads quoted fields with doubled quotes, commas and line breaks inside', () => {
    expect(parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines']
    ])
  })

  it('takes CRLF and CR line ends, skips blank lines and a BOM, and keeps empty fields', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,\r\n\r\n,2\r3,"4"')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
      ['3', '4']
    ])
  })

  it('keeps a CRLF inside quotes as it is and a last row without a line end', () => {
    expect(parseCsv('"a\r\nb",c')).toEqual([['a\r\nb', 'c']])
  })

  it('keeps a stray quote inside an unquoted field, as spreadsheets do', () => {
    expect(parseCsv('5" floppy,ok')).toEqual([['5" floppy', 'ok']])
  })

  it('refuses a quote left open, saying on which line it starts', () => {
    expect(() => parseCsv('a,b\n1,"never\nclosed')).toThrow(/starts on line 2 is never closed/)
  })

  it('gives rows as records by lower-cased header names, short rows filled with empty fields', () => {
    expect(readCsvTable(' Title ,URL\nOne,https://one.example/\nTwo')).toEqual({
      columns: ['title', 'url'],
      records: [
        { title: 'One', url: 'https://one.example/' },
        { title: 'Two', url: '' }
      ]
    })
  })
})
