import { describe, expect, it } from 'vitest';
import { csvValue, toCsv } from '../../functions/api/exports/csv';
import { attachment } from '../../functions/api/exports/download';
import type { ExportColumn } from '../../functions/core/scoring/score-columns';

interface Row {
  name: string;
  n: number;
  share: number | null;
  short: boolean;
}
const columns: Array<ExportColumn<Row>> = [
  { header: '名称', kind: 'text', width: 10, value: (r) => r.name },
  { header: '样本数', kind: 'count', width: 6, value: (r) => r.n },
  { header: '满意率', kind: 'rate', width: 6, value: (r) => r.share },
  { header: '样本不足', kind: 'flag', width: 6, value: (r) => r.short },
];
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('the CSV writer', () => {
  it('starts with the UTF-8 BOM and ends every record with CRLF', () => {
    const bytes = toCsv(columns, [{ name: '高新第1助企队', n: 3, share: 2 / 3, short: true }]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(bytes)).toBe('\uFEFF名称,样本数,满意率(%),样本不足\r\n高新第1助企队,3,66.67,是\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const out = text(toCsv(columns, [{ name: '甲,乙 "丙"\n丁', n: 0, share: null, short: false }]));
    expect(out.split('\r\n')[1]).toBe('"甲,乙 ""丙""\n丁",0,,否');
  });

  it('writes text that would run as a formula with a leading apostrophe', () => {
    for (const danger of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(csvValue('text', danger)).toBe(`'${danger}`);
    }
    expect(csvValue('text', '高新=1')).toBe('高新=1');
  });

  it('leaves numbers plain: negative numbers are not taken for formulas, and no float noise or exponents', () => {
    expect(csvValue('decimal', -0.5)).toBe('-0.5');
    expect(csvValue('rate', 0.1 + 0.2)).toBe('30');
    expect(csvValue('decimal', 4.123456)).toBe('4.123');
    expect(csvValue('rate', 1e-9)).toBe('0');
    expect(csvValue('count', Number.NaN)).toBe('');
  });
});

describe('the download header', () => {
  it('gives an ASCII filename and the Chinese one as RFC 5987 filename*', () => {
    const header = attachment('scores.csv', '满意度排名（助企队）2026-11-01至2026-11-30.csv');
    const [, ascii, encoded] = /^attachment; filename="([ -~]+)"; filename\*=UTF-8''([A-Za-z0-9%!._~-]+)$/.exec(header) ?? [];
    expect(ascii).toBe('scores.csv');
    expect(decodeURIComponent(encoded!)).toBe('满意度排名（助企队）2026-11-01至2026-11-30.csv');
  });

  it('keeps quotes and non-ASCII out of the fallback name', () => {
    expect(attachment('a"b\\c年.csv', 'x')).toContain('filename="a_b_c_.csv"');
    expect(attachment('a.csv', "it's (1)*.csv")).toContain("filename*=UTF-8''it%27s%20%281%29%2A.csv");
  });
});
