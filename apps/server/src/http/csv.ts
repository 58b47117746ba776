/**
 * CSV as spreadsheets and data tools read it: RFC 4180 quoting, CRLF line ends, UTF-8 with a
 * byte-order mark (so spreadsheet programs read Chinese text), a header row first.
 */
export type CsvCell = string | number | boolean | null;

const quote = (v: CsvCell): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function toCsv(columns: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return `\uFEFF${[columns.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))].join('\r\n')}\r\n`;
}
