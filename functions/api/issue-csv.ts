import { parse } from 'csv-parse/sync';
import { validationError } from '../core/errors';
import type { ImportRow } from '../core/ledger/import-issues';

type Column = keyof ImportRow;

/** Header names, English or Chinese, compared without case, spaces, `_` or `-`. */
const columnOf: Record<string, Column> = {
  enterpriseid: 'enterpriseId',
  企业编号: 'enterpriseId',
  teamid: 'teamId',
  助企队: 'teamId',
  category: 'category',
  类别: 'category',
  title: 'title',
  标题: 'title',
  description: 'description',
  描述: 'description',
  externalid: 'externalId',
  外部编号: 'externalId',
};
const requiredColumns: Column[] = ['enterpriseId', 'teamId', 'category', 'title'];

const unreadable = (code: string, message: string) => validationError([{ code, path: '(body)', message }]);

/**
 * The data rows of an import CSV as objects named by column (`enterpriseId`, `title`, ...), for
 * `importIssues` to check one by one. UTF-8 with or without a BOM; the header row may use the
 * Chinese names (企业编号, 助企队, 类别, 标题, 描述, 外部编号); other columns are ignored; empty
 * cells are left out and blank lines skipped. A body that cannot be read as such a CSV at all is
 * `validation.failed`.
 *
 * @example rowsFromCsv(new TextEncoder().encode('\uFEFF企业编号,助企队,类别,标题\nent-001,gaoxin-01,其他,停车难\n'))
 * // [{ enterpriseId: 'ent-001', teamId: 'gaoxin-01', category: '其他', title: '停车难' }]
 */
export function rowsFromCsv(bytes: Uint8Array): Array<Partial<Record<Column, string>>> {
  let text: string;
  try {
    // Drops a BOM; `fatal` refuses GBK, which older Excel and WPS save by default.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable('csv.not_utf8', 'The CSV is not UTF-8: save it as "CSV UTF-8" (Excel) or with UTF-8 encoding (WPS).');
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true });
  } catch (error) {
    throw unreadable('csv.malformed', `The CSV cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...data] = records;
  if (!header) throw unreadable('csv.empty', 'The CSV is empty: send a header row and at least one data row.');

  const columns = header.map((name) => columnOf[name.trim().toLowerCase().replace(/[\s_-]/g, '')]);
  const repeated = requiredColumns.concat('description', 'externalId').filter((c) => columns.filter((x) => x === c).length > 1);
  if (repeated.length > 0) throw unreadable('csv.repeated_column', `Columns given twice: ${repeated.join(', ')}.`);
  const missing = requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw unreadable('csv.missing_column', `Missing columns: ${missing.join(', ')} (企业编号/enterpriseId, 助企队/teamId, 类别/category, 标题/title are required).`);
  }

  return data.map((record) => {
    const row: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      const value = record[i];
      if (column && value !== undefined && value.trim() !== '') row[column] = value;
    });
    return row;
  });
}
