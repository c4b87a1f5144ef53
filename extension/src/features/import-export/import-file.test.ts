import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readImportFile } from './import-file'

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../../e2e/fixtures', name), 'utf8')

describe('telling an import file by its content', () => {
  it('reads Toby’s JSON, Raindrop’s and Pocket’s CSV whatever the file is called', () => {
    const toby = readImportFile('export.txt', fixture('toby-export.json'))
    expect(toby).toMatchObject({ kind: 'import', source: { name: 'Toby', target: 'new' } })
    const raindrop = readImportFile('export.txt', fixture('raindrop-export.csv'))
    expect(raindrop).toMatchObject({ kind: 'import', source: { name: 'Raindrop' } })
    expect(raindrop.kind === 'import' ? raindrop.source.target : 'none').toBeUndefined()
    const pocket = readImportFile('part_000000.csv', fixture('pocket-export.csv'))
    expect(pocket).toMatchObject({ kind: 'import', source: { name: 'Pocket', target: 'new' } })
  })

  it('still reads our backup as a restore and an HTML file as bookmarks', () => {
    const backup = JSON.stringify({
      format: 'bookmarks-index',
      version: 2,
      spaces: [],
      groups: [],
      bookmarks: []
    })
    expect(readImportFile('b.json', backup).kind).toBe('restore')
    const html = '<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p><DT><A HREF="https://a.example/">A</A></DL>'
    expect(readImportFile('bookmarks.html', html)).toMatchObject({
      kind: 'import',
      source: { name: 'bookmarks' }
    })
  })

  it('refuses a file that is not what it claims, saying what it expected', () => {
    expect(() => readImportFile('contacts.csv', 'name,email\nAda,ada@example.com\n')).toThrow(
      'Cannot import contacts.csv: this CSV has no url column: is it a Raindrop or Pocket export?'
    )
    expect(() => readImportFile('links.csv', 'name,url\nA,https://a.example/\n')).toThrow(
      /neither a Raindrop export .* nor a Pocket export/
    )
    expect(() => readImportFile('broken.csv', 'title,url,status\n"open,https://a.example/\n')).toThrow(
      /this CSV file is damaged \(a quoted field that starts on line 2 is never closed\)/
    )
    expect(() => readImportFile('empty.csv', 'title,url,time_added,tags,status\n')).toThrow(
      /no bookmarks found/
    )
    expect(() => readImportFile('x.json', '{"lists": [')).toThrow(/not valid JSON/)
    expect(() => readImportFile('x.json', '{"format": "other"}')).toThrow(
      /^Cannot import x\.json: this JSON file is not a Bookmarks Index backup/
    )
  })
})
