// A CSV reader after RFC 4180 (quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF, a BOM),
// shared by the Raindrop and Pocket importers.

/** The file could not be read as CSV at all (a quote left open); said to the person as it stands. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CsvError'
  }
}

/** Rows of fields, in file order. A blank line is no row; a line break ends a row outside quotes only. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  /** Whether the current row has begun: a lone line break makes no row of one empty field. */
  let started = false
  let line = 1
  let openedAt = 0
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRow = () => {
    if (started) rows.push([...row, field])
    row = []
    field = ''
    started = false
  }
  for (let i = start; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else {
        if (char === '\n') line++
        field += char
      }
      continue
    }
    if (char === '"' && field === '') {
      quoted = true
      started = true
      openedAt = line
    } else if (char === ',') {
      row.push(field)
      field = ''
      started = true
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
    } else {
      // A quote inside an unquoted field is kept as it is, as spreadsheets do.
      field += char
      started = true
    }
  }
  if (quoted) throw new CsvError(`a quoted field that starts on line ${openedAt} is never closed`)
  endRow()
  return rows
}

/** A CSV file with a header row: each record by column name, and the header's columns in lower case. */
export type CsvTable = { columns: string[]; records: Record<string, string>[] }

/** Reads the header's names (trimmed, lower case) and gives each later row as a record of them. */
export function readCsvTable(text: string): CsvTable {
  const [header = [], ...rows] = parseCsv(text)
  const columns = header.map((name) => name.trim().toLowerCase())
  const records = rows.map((fields) => Object.fromEntries(columns.map((name, i) => [name, fields[i] ?? ''])))
  return { columns, records }
}
