import type { ColumnKind, ExportColumn } from '../../core/scoring/score-columns';

const BOM = '\uFEFF';
/** A text cell starting with one of these is read as a formula by Excel and WPS (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A column's header as the CSV writes it: rates are percent points there, and say so. */
export const csvHeader = (column: ExportColumn<unknown>) => (column.kind === 'rate' ? `${column.header}(%)` : column.header);

/** Rounds without ever writing `83.33000000000001` or an exponent. */
const plain = (value: number, places: number) => String(Number(value.toFixed(places)));

/** The text of one cell before quoting. Numbers stay plain numbers (no thousands separators, no `%`). */
export function csvValue(kind: ColumnKind, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (kind === 'flag') return value ? '是' : '否';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (kind === 'rate') return plain(value * 100, 2);
    if (kind === 'decimal') return plain(value, 3);
    return plain(value, 0);
  }
  const text = String(value);
  // A leading apostrophe makes Excel and WPS show the text as text instead of running it.
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a comma, quote, CR or LF is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A table as CSV bytes that Excel and WPS open with the Chinese intact: UTF-8 with a BOM (without
 * it both read GBK), CRLF line ends, RFC 4180 quoting, and text cells that could run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR first) written with a leading apostrophe.
 *
 * @example toCsv([{ header: '名称', kind: 'text', width: 8, value: (r: { name: string }) => r.name }], [{ name: '=1+1' }])
 * // bytes of '\uFEFF名称\r\n\'=1+1\r\n'
 */
export function toCsv<Row>(columns: Array<ExportColumn<Row>>, rows: Row[]): Uint8Array {
  const lines = [columns.map((c) => csvField(csvValue('text', csvHeader(c as ExportColumn<unknown>)))).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(csvValue(c.kind, c.value(row)))).join(','));
  return new TextEncoder().encode(BOM + lines.join('\r\n') + '\r\n');
}
