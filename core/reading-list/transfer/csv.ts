// A small RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF or CR
// end a record; a byte order mark is the caller's to strip (decodeUtf8 does). Each record keeps the 1-based
// line it starts on, so a bad row can be reported where the reader's editor shows it.

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
  /** Set when the record is malformed (a quote left open, text after a closing quote). */
  error?: string;
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let error: string | undefined;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;

  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '' && !error)) {
      records.push(error ? { line: start, fields, error } : { line: start, fields });
    }
    fields = [];
    field = '';
    error = undefined;
    atFieldStart = true;
  };

  while (i < n) {
    const c = text[i]!;
    if (atFieldStart && c === '"') {
      // Quoted field: runs to the next lone quote.
      i++;
      let closed = false;
      while (i < n) {
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (q === '\r' || q === '\n') {
          if (q === '\r' && text[i + 1] === '\n') {
            field += '\n';
            i += 2;
          } else {
            field += '\n';
            i++;
          }
          line++;
          continue;
        }
        field += q;
        i++;
      }
      if (!closed) error = 'a quoted field is never closed';
      atFieldStart = false;
      // Anything between the closing quote and the next separator is kept, but the row is suspect.
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        error ??= 'text after a closing quote';
        field += text[i];
        i++;
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      start = line;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || fields.length || error) endRecord();
  return records;
}

/** Header name → column index, by lower-cased, trimmed name (the first column of a name wins). */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}
