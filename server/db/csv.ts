/** CSV for spreadsheets: RFC 4180 quoting, CRLF rows, and no cell a spreadsheet would run as a formula. */

export type Cell = string | number | boolean | null | undefined;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // A text cell starting with = + - @ (or a tab/CR) is run as a formula by Excel and friends: defuse it.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * A CSV file as served: a UTF-8 byte-order mark first, without which Excel reads the file as the
 * local code page and garbles non-ASCII nicknames ("José" as "JosÃ©").
 */
export const csvFile = (csv: string): string => `\uFEFF${csv}`;

/** Parses what toCsv writes (quoted cells, doubled quotes, a leading byte-order mark); for tests and for checking exports. */
export function parseCsv(file: string): string[][] {
  const text = file.startsWith('\uFEFF') ? file.slice(1) : file;
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cur), (cur = '');
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
    } else cur += c;
  }
  if (cur || row.length) row.push(cur), rows.push(row);
  return rows;
}
