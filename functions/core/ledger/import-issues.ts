import { z } from 'zod';
import { inScope, scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError, validationError, type Problem } from '../errors';
import { newIssueSchema } from './issue';
import { createIssue } from './issues';

/** At most this many rows in one import: a bigger ledger is sent in parts. */
export const IMPORT_MAX_ROWS = 1000;

/** The outside ledger an `externalId` belongs to, when the sender names none. */
export const DEFAULT_EXTERNAL_SOURCE = 'ledger';

/** An outside ledger's name: it is part of a key, so it never holds a `#`. */
export const externalSourceSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and -, at most 32');

/** One row of an import: what `POST /api/v1/issues` takes, plus the outside ledger's own id. */
export const importRowSchema = newIssueSchema.extend({
  externalId: z.string().trim().min(1).max(128).optional(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

/** What became of one row; `row` counts data rows from 1. */
export type ImportRowResult =
  | { row: number; status: 'created'; issueId: string }
  /** `issueId` is the issue that already holds the external id, when it is in the caller's scope. */
  | { row: number; status: 'duplicate'; issueId?: string }
  | { row: number; status: 'error'; errors: Problem[] };

export interface ImportReport {
  imported: number;
  duplicates: number;
  failed: number;
  rows: ImportRowResult[];
}

/** Rows written side by side; enough to import 1000 rows well inside an API Gateway timeout. */
const LANES = 8;

/**
 * Records many issues, each exactly as `createIssue` records one: the same checks against the
 * caller's scope, the same single transaction, so a row is written whole or not at all and a bad
 * row never stops the good ones. A row with an `externalId` claims it in that same transaction:
 * importing the row again answers `duplicate` and writes nothing.
 *
 * @example
 * const report = await importIssues(deps, principal, [{ enterpriseId: 'ent-001', teamId: 'gaoxin-01', category: '其他', title: '…', externalId: 'TZ-7' }]);
 * // { imported: 1, duplicates: 0, failed: 0, rows: [{ row: 1, status: 'created', issueId: '01J…' }] }
 */
export async function importIssues(
  deps: CoreDeps,
  principal: Principal,
  rows: readonly unknown[],
  options: { source?: string } = {},
): Promise<ImportReport> {
  if (rows.length === 0) throw validationError([{ code: 'import.empty', path: 'rows', message: 'no rows to import' }]);
  if (rows.length > IMPORT_MAX_ROWS) {
    throw validationError([{ code: 'import.too_many_rows', path: 'rows', message: `${rows.length} rows; at most ${IMPORT_MAX_ROWS} in one import` }]);
  }
  const source = externalSourceSchema.safeParse(options.source ?? DEFAULT_EXTERNAL_SOURCE);
  if (!source.success) throw validationError([{ code: 'import.bad_source', path: 'source', message: source.error.issues[0]?.message ?? 'invalid' }]);

  const results: ImportRowResult[] = new Array(rows.length);
  const valid: Array<{ index: number; row: ImportRow }> = [];
  rows.forEach((value, index) => {
    const parsed = importRowSchema.safeParse(value);
    if (parsed.success) valid.push({ index, row: parsed.data });
    else results[index] = { row: index + 1, status: 'error', errors: parsed.error.issues.map((i) => ({ code: `field.${i.code}`, path: i.path.join('.') || '(row)', message: i.message })) };
  });

  await Promise.all(
    lanesOf(valid).map(async (lane) => {
      for (const { index, row } of lane) results[index] = await importRow(deps, principal, source.data, index + 1, row);
    }),
  );
  return {
    imported: results.filter((r) => r.status === 'created').length,
    duplicates: results.filter((r) => r.status === 'duplicate').length,
    failed: results.filter((r) => r.status === 'error').length,
    rows: results,
  };
}

async function importRow(deps: CoreDeps, principal: Principal, source: string, row: number, input: ImportRow): Promise<ImportRowResult> {
  const { externalId, ...issue } = input;
  const ref = externalId === undefined ? undefined : { source, externalId };
  try {
    const created = await createIssue(deps, principal, issue, ref ? { externalRef: ref } : {});
    return { row, status: 'created', issueId: created.id };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'issue.duplicate') {
      const holderId = (error.details as { issueId?: string } | undefined)?.issueId;
      const holder = holderId ? await deps.issues.get(holderId) : undefined;
      return { row, status: 'duplicate', ...(holder && inScope(scopeOf(principal), holder) ? { issueId: holder.id } : {}) };
    }
    return { row, status: 'error', errors: problemsOf(error) };
  }
}

/**
 * Up to `LANES` lists of rows to write one after another, round robin, except that rows sharing an
 * externalId share a lane: the later one then meets the earlier one's claim instead of racing it.
 */
function lanesOf<T extends { row: ImportRow }>(rows: T[]): T[][] {
  const lanes: T[][] = Array.from({ length: Math.min(LANES, rows.length) }, () => []);
  const laneOfRef = new Map<string, number>();
  let next = 0;
  for (const item of rows) {
    const ref = item.row.externalId;
    let lane = ref === undefined ? undefined : laneOfRef.get(ref);
    if (lane === undefined) {
      lane = next++ % lanes.length;
      if (ref !== undefined) laneOfRef.set(ref, lane);
    }
    lanes[lane]!.push(item);
  }
  return lanes;
}

/** A row's failure as problems: the ones the error lists, or one naming the field it concerns. */
function problemsOf(error: DomainError): Problem[] {
  const listed = Array.isArray(error.details) ? (error.details as Array<Partial<Problem>>) : [];
  const field = error.code === 'auth.forbidden' ? 'teamId' : '(row)';
  if (listed.length === 0) return [{ code: error.code, path: field, message: error.message }];
  return listed.map((p) => ({
    code: typeof p.code === 'string' ? p.code : error.code,
    path: typeof p.path === 'string' ? p.path : field,
    message: typeof p.message === 'string' ? p.message : error.message,
  }));
}
