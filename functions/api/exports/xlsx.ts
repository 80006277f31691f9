import ExcelJS from 'exceljs';
import type { ColumnKind, ExportColumn } from '../../core/scoring/score-columns';

/** Excel number formats per kind; rates are stored as fractions and shown as percents. */
export const xlsxNumberFormat: Record<ColumnKind, string | undefined> = { count: '0', decimal: '0.00', rate: '0.0%', text: undefined, flag: undefined };

const TITLE_ROW = 1;
/** The header row, under the title row; it and everything above it stay in view when scrolling. */
export const XLSX_HEADER_ROW = 2;

function cellValue(kind: ColumnKind, value: string | number | boolean | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (kind === 'flag') return value ? '是' : '否';
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  // Strings are written as shared strings, never as formulas, so a leading `=` cannot run here.
  return String(value);
}

/**
 * A table as an XLSX workbook: one sheet named in Chinese, a title row, a bold frozen header row
 * with a filter, column widths, and numbers as numbers with percent and decimal formats.
 */
export async function toXlsx<Row>(sheet: { name: string; title: string; at: Date }, columns: Array<ExportColumn<Row>>, rows: Row[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'huifang 回访';
  workbook.created = sheet.at;
  workbook.modified = sheet.at;
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }] });
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const title = ws.getRow(TITLE_ROW);
  title.getCell(1).value = sheet.title;
  title.font = { bold: true, size: 14 };
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, Math.max(1, columns.length));
  const header = ws.getRow(XLSX_HEADER_ROW);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
  });
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  ws.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: XLSX_HEADER_ROW, column: Math.max(1, columns.length) } };
  rows.forEach((row, r) => {
    const line = ws.getRow(XLSX_HEADER_ROW + 1 + r);
    columns.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      cell.value = cellValue(c.kind, c.value(row));
      const format = xlsxNumberFormat[c.kind];
      if (format) cell.numFmt = format;
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
