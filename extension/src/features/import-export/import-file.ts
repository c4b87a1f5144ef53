// Tells what a chosen file is by its content (a backup, Toby's JSON, Raindrop's or Pocket's CSV, or a
// bookmarks HTML) and reads it, or says in the person's words why it cannot.
import { type Backup, readBackup } from './backup'
import { CsvError, readCsvTable } from './csv'
import type { ImportRead } from './folders'
import type { ImportSource } from './import-preview'
import { parseNetscape } from './netscape'
import { isPocketCsv, parsePocket } from './pocket'
import { isRaindropCsv, parseRaindrop } from './raindrop'
import { isTobyExport, parseToby } from './toby'

type ImportStep = { kind: 'import'; source: ImportSource }
export type ImportFile = { kind: 'restore'; backup: Backup } | ImportStep

/** The file is not what it claims to be, or not one we read: the dialog says so where the person looks. */
export class ImportFileRefused extends Error {
  constructor(fileName: string, why: string) {
    super(`Cannot import ${fileName}: ${why}`)
    this.name = 'ImportFileRefused'
  }
}

/** A first line of comma-separated names: the header of a CSV file. */
const CSV_HEADER = /^\uFEFF?\s*"?[\w ]+"?(\s*,\s*"?[\w ]+"?)+\s*$/

const source = (name: string, read: ImportRead, target?: ImportSource['target']): ImportStep => ({
  kind: 'import',
  source: { name, folders: read.folders, notes: read.notes, ...(target ? { target } : {}) }
})

/** Reads `text`, the content of the file named `fileName`. */
export function readImportFile(fileName: string, text: string): ImportFile {
  const refuse = (why: string) => new ImportFileRefused(fileName, why)
  const firstLine = text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? ''
  let file: ImportStep
  if (/\.json$/i.test(fileName) || /^\uFEFF?\s*\{/.test(text)) {
    let data: unknown
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''))
    } catch {
      throw refuse('this file is not valid JSON')
    }
    if (!isTobyExport(data)) {
      try {
        return { kind: 'restore', backup: readBackup(text) }
      } catch (error) {
        throw refuse(error instanceof Error ? error.message : String(error))
      }
    }
    // Toby's lists are groups: by default they go into one space, named after Toby.
    file = source('Toby', { folders: parseToby(data), notes: [] }, 'new')
  } else if (/\.csv$/i.test(fileName) || CSV_HEADER.test(firstLine)) {
    let table: ReturnType<typeof readCsvTable>
    try {
      table = readCsvTable(text)
    } catch (error) {
      if (error instanceof CsvError) throw refuse(`this CSV file is damaged (${error.message})`)
      throw error
    }
    if (!table.columns.includes('url'))
      throw refuse('this CSV has no url column: is it a Raindrop or Pocket export?')
    if (isRaindropCsv(table)) file = source('Raindrop', parseRaindrop(table))
    else if (isPocketCsv(table)) file = source('Pocket', parsePocket(table), 'new')
    else
      throw refuse(
        'this CSV is neither a Raindrop export (its header has folder and excerpt columns) nor a Pocket ' +
          'export (time_added and status)'
      )
  } else {
    file = source(fileName.replace(/\.(html?|json)$/i, ''), { folders: parseNetscape(text), notes: [] })
  }
  if (file.source.folders.every((f) => f.links.length === 0)) throw refuse('no bookmarks found in it')
  return file
}
