import type { GroupScore, ScoreReport } from './score-report';

/**
 * How a column's values are written: `count` a whole number, `decimal` a number to 3 places,
 * `rate` a share 0..1 (CSV: percent points, header "(%)"; XLSX: the fraction, shown as a percent),
 * `text` as it is, `flag` 是 or empty.
 */
export type ColumnKind = 'count' | 'decimal' | 'rate' | 'text' | 'flag';

/** One column of a table the office downloads: its Chinese header and its value in a row. */
export interface ExportColumn<Row> {
  header: string;
  kind: ColumnKind;
  /** Width in characters in the XLSX sheet. */
  width: number;
  value(row: Row): string | number | boolean | null | undefined;
}

const byLabel: Record<ScoreReport['by'], string> = {
  team: '助企队',
  zone: '开发区',
  category: '类别',
  functionGroup: '服务功能组',
  zoneCategory: '开发区×类别',
};

/** The Chinese name of a score report's grouping (助企队, 开发区, 类别). */
export const groupingLabel = (by: ScoreReport['by']): string => byLabel[by];

/**
 * The columns of the score exports (CSV and XLSX read this one list, in this order). A new score
 * field is one more line here: `{ header: '综合得分', kind: 'decimal', width: 10, value: (g) => g.composite }`.
 */
export const scoreColumns: Array<ExportColumn<GroupScore>> = [
  { header: '名次', kind: 'count', width: 6, value: (g) => g.rank },
  { header: '编号', kind: 'text', width: 14, value: (g) => g.id },
  { header: '名称', kind: 'text', width: 28, value: (g) => g.name },
  { header: '样本数', kind: 'count', width: 8, value: (g) => g.n },
  { header: '非常满意', kind: 'count', width: 9, value: (g) => g.counts['5'] },
  { header: '满意', kind: 'count', width: 7, value: (g) => g.counts['4'] },
  { header: '基本满意', kind: 'count', width: 9, value: (g) => g.counts['3'] },
  { header: '不满意', kind: 'count', width: 8, value: (g) => g.counts['2'] },
  { header: '非常不满意', kind: 'count', width: 10, value: (g) => g.counts['1'] },
  { header: '满意率', kind: 'rate', width: 10, value: (g) => g.csat },
  { header: '好评率', kind: 'rate', width: 10, value: (g) => g.goodRate },
  { header: '均分', kind: 'decimal', width: 8, value: (g) => g.mean },
  { header: '修正均分', kind: 'decimal', width: 9, value: (g) => g.adjustedMean },
  { header: '满意率置信下限', kind: 'rate', width: 14, value: (g) => g.wilsonLower },
  { header: '满意率置信上限', kind: 'rate', width: 14, value: (g) => g.wilsonUpper },
  { header: '发送邀请数', kind: 'count', width: 10, value: (g) => g.invited },
  { header: '回复率', kind: 'rate', width: 10, value: (g) => g.responseRate },
  { header: '样本不足', kind: 'flag', width: 9, value: (g) => !g.sufficient },
  { header: '电话回访评价数', kind: 'count', width: 14, value: (g) => g.callback.n },
  { header: '电话回访均分', kind: 'decimal', width: 12, value: (g) => g.callback.mean },
  { header: '整改后回访数', kind: 'count', width: 12, value: (g) => g.recovery.surveyed },
  { header: '整改后满意数', kind: 'count', width: 12, value: (g) => g.recovery.recovered },
  { header: '整改挽回率', kind: 'rate', width: 11, value: (g) => g.recovery.rate },
  { header: '回访按时率', kind: 'rate', width: 11, value: (g) => g.callbackOnTimeRate },
  { header: '整改按时率', kind: 'rate', width: 11, value: (g) => g.rectificationOnTimeRate },
  { header: '重办率', kind: 'rate', width: 9, value: (g) => g.rehandleRate },
  { header: '申诉数', kind: 'count', width: 8, value: (g) => g.appeals.filed },
  { header: '申诉成立数', kind: 'count', width: 10, value: (g) => g.appeals.approved },
  { header: '综合指数', kind: 'decimal', width: 10, value: (g) => g.composite },
  { header: '综合名次', kind: 'count', width: 9, value: (g) => g.compositeRank },
];

/**
 * The title of a score export and the base of its file name: what was grouped, over which dates.
 *
 * @example scoreExportTitle({ by: 'team', from: '2026-11-01', to: '2026-11-30' }) // '满意度排名（助企队）2026-11-01至2026-11-30'
 */
export function scoreExportTitle(report: Pick<ScoreReport, 'by' | 'from' | 'to'>): string {
  return `满意度排名（${groupingLabel(report.by)}）${report.from}至${report.to}`;
}
