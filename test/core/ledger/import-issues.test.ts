import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/core/auth/principal';
import { closeFromLedger, ledgerPrincipal } from '../../../functions/core/ledger/close-from-ledger';
import { importIssues } from '../../../functions/core/ledger/import-issues';
import { fakeDeps } from '../fakes';

const member: Principal = { sub: 'm', username: 'member-gaoxin-01', role: 'team-member', zoneId: 'gaoxin', teamId: 'gaoxin-01' };
const office: Principal = { sub: 'o', username: 'office', role: 'office' };
const row = (title: string, extra: Record<string, string> = {}) => ({ enterpriseId: 'ent-001', teamId: 'gaoxin-01', category: '其他', title, ...extra });

describe('importing issues', () => {
  it('keeps the rows’ order in its report while writing them side by side', async () => {
    const f = fakeDeps('2026-11-24T02:00:00Z');
    const rows = Array.from({ length: 25 }, (_, i) => row(`第${i + 1}行`));
    const report = await importIssues(f.deps, member, rows);
    expect(report).toMatchObject({ imported: 25, duplicates: 0, failed: 0 });
    expect(report.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1));
    const titles = report.rows.map((r) => (r.status === 'created' ? f.state.issues.get(r.issueId)?.title : undefined));
    expect(titles).toEqual(rows.map((r) => r.title));
  });

  it('writes a repeated external id once, even twenty rows apart', async () => {
    const f = fakeDeps('2026-11-24T02:00:00Z');
    const rows = Array.from({ length: 20 }, (_, i) => row(`第${i + 1}行`, { externalId: `X-${i}` }));
    rows.push(row('重复', { externalId: 'X-0' }));
    const report = await importIssues(f.deps, member, rows);
    expect(report).toMatchObject({ imported: 20, duplicates: 1 });
    expect(report.rows[20]).toEqual({ row: 21, status: 'duplicate', issueId: (report.rows[0] as { issueId: string }).issueId });
  });

  it('does not name the holder of a duplicate external id outside the caller’s scope', async () => {
    const f = fakeDeps('2026-11-24T02:00:00Z');
    await importIssues(f.deps, office, [{ enterpriseId: 'ent-005', teamId: 'gaoxin-02', category: '其他', title: 'a', externalId: 'SAME' }]);
    const report = await importIssues(f.deps, member, [row('b', { externalId: 'SAME' })]);
    expect(report.rows).toEqual([{ row: 1, status: 'duplicate' }]);
  });

  it.each([
    ['no rows', [], {}, 'import.empty'],
    ['1001 rows', Array.from({ length: 1001 }, () => row('t')), {}, 'import.too_many_rows'],
    ['a source with a #', [row('t')], { source: 'a#b' }, 'import.bad_source'],
  ])('refuses %s as a whole', async (_, rows, options, code) => {
    const f = fakeDeps('2026-11-24T02:00:00Z');
    await expect(importIssues(f.deps, member, rows, options)).rejects.toMatchObject({ code: 'validation.failed', details: [expect.objectContaining({ code })] });
    expect(f.state.issues.size).toBe(0);
  });
});

describe('closing on an outside ledger’s word', () => {
  it('closes the issue it imported under that external id, as the outside ledger', async () => {
    const f = fakeDeps('2026-11-24T02:00:00Z');
    const report = await importIssues(f.deps, member, [row('t', { externalId: 'TZ-1' })], { source: 'district' });
    const closure = await closeFromLedger(f.deps, { externalId: 'TZ-1', source: 'district', resolution: '办结' });
    expect(closure.issue).toMatchObject({ id: (report.rows[0] as { issueId: string }).issueId, status: 'closed', closedBy: 'external-ledger' });
    expect(f.state.events.at(-1)).toMatchObject({ by: 'external-ledger', role: 'office', to: 'closed' });
    await expect(closeFromLedger(f.deps, { externalId: 'TZ-1', resolution: '办结' })).rejects.toMatchObject({ code: 'issue.not_found' });
  });

  it('names who closed it over there', () => {
    expect(ledgerPrincipal('张三')).toEqual({ sub: 'ledger-webhook', username: 'external-ledger/张三', role: 'office' });
  });
});
