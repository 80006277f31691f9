import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEnterprises } from '../../infra/local/seed/demo-org';
import { testHost, type TestHost } from '../support/test-host';

const gaoxin01 = demoEnterprises.filter((e) => e.teamId === 'gaoxin-01');
const gaoxin02 = demoEnterprises.find((e) => e.teamId === 'gaoxin-02')!;
const [first, second] = [gaoxin01[0]!, gaoxin01[1]!];
const member = 'member-gaoxin-01';

async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** How many items of each type the table holds (a scan is fine in a test: it proves nothing else was written). */
async function itemCounts(host: TestHost): Promise<Record<string, number>> {
  const out = await host.table.doc.send(new ScanCommand({ TableName: host.table.name, ProjectionExpression: '#t', ExpressionAttributeNames: { '#t': 'type' } }));
  const counts: Record<string, number> = {};
  for (const item of out.Items ?? []) counts[item.type as string] = (counts[item.type as string] ?? 0) + 1;
  return { issue: counts.issue ?? 0, event: counts.event ?? 0, 'external-ref': counts['external-ref'] ?? 0 };
}

function importCsv(host: TestHost, csv: string, as = member, query = '') {
  return host.app.request(`/api/v1/issues/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.get(as)}`, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  });
}
const tokens = new Map<string, string>();

const csvWithBom = [
  '\uFEFF企业编号,助企队,类别,标题,描述,外部编号',
  `${first.id},gaoxin-01,用工短缺,招聘一线操作工30人,"春节后返岗缺人，急需30人",TZ-001`,
  'ent-999,gaoxin-01,房租补贴,厂房租金减免,,TZ-002',
  `${second.id},gaoxin-01,金融支持,流动资金贷款,,TZ-003`,
  '',
].join('\r\n');

describe('bulk import of issues', () => {
  let host: TestHost;
  let created: string[];

  beforeAll(async () => {
    host = await testHost();
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
    for (const user of [member, 'office']) tokens.set(user, await host.tokenFor(user));
  });

  it('imports a CSV with a BOM and Chinese headers: the good rows land, the bad one is reported, nothing else is written', async () => {
    const res = await importCsv(host, csvWithBom);
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report).toMatchObject({ imported: 2, duplicates: 0, failed: 1 });
    expect(report.rows).toEqual([
      { row: 1, status: 'created', issueId: expect.any(String) },
      { row: 2, status: 'error', errors: [{ code: 'reference.unknown', path: 'enterpriseId', message: expect.stringContaining('ent-999') }] },
      { row: 3, status: 'created', issueId: expect.any(String) },
    ]);
    created = [report.rows[0].issueId, report.rows[2].issueId];

    const issue = await json(await host.call('GET', `/api/v1/issues/${created[0]}`, { as: member }));
    expect(issue).toMatchObject({ status: 'open', enterpriseId: first.id, teamId: 'gaoxin-01', zoneId: 'gaoxin', category: '用工短缺', title: '招聘一线操作工30人', description: '春节后返岗缺人，急需30人', createdBy: member });
    expect(issue.events).toHaveLength(1);
    // Two issues, their two events and their two external-id claims: the bad row left no trace.
    expect(await itemCounts(host)).toEqual({ issue: 2, event: 2, 'external-ref': 2 });
  });

  it('answers a re-import of the same rows with duplicates naming the issues, and creates nothing', async () => {
    const report = await json(await importCsv(host, csvWithBom));
    expect(report).toMatchObject({ imported: 0, duplicates: 2, failed: 1 });
    expect(report.rows.map((r: any) => [r.status, r.issueId])).toEqual([
      ['duplicate', created[0]],
      ['error', undefined],
      ['duplicate', created[1]],
    ]);
    expect(await itemCounts(host)).toEqual({ issue: 2, event: 2, 'external-ref': 2 });
  });

  it('treats the same external id from another source as another issue', async () => {
    const csv = `enterpriseId,teamId,category,title,externalId\n${first.id},gaoxin-01,其他,另一个台账的同号问题,TZ-001\n`;
    const report = await json(await importCsv(host, csv, member, '?source=zone-ledger'));
    expect(report).toMatchObject({ imported: 1, duplicates: 0, failed: 0 });
  });

  it('makes one issue of two rows with the same external id in one file', async () => {
    const csv = `enterpriseId,teamId,category,title,externalId\n${first.id},gaoxin-01,其他,重复行,TZ-100\n${first.id},gaoxin-01,其他,重复行,TZ-100\n`;
    const report = await json(await importCsv(host, csv));
    expect(report.rows.map((r: any) => r.status)).toEqual(['created', 'duplicate']);
    expect(report.rows[1].issueId).toBe(report.rows[0].issueId);
  });

  it('checks every row against the caller’s scope like POST /api/v1/issues', async () => {
    const res = await host.call('POST', '/api/v1/issues/import', {
      as: member,
      body: {
        rows: [
          { enterpriseId: first.id, teamId: 'gaoxin-01', category: '政策咨询', title: '高企认定政策咨询' },
          { enterpriseId: gaoxin02.id, teamId: 'gaoxin-02', category: '政策咨询', title: '别队的企业' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report).toMatchObject({ imported: 1, failed: 1 });
    expect(report.rows[1]).toEqual({ row: 2, status: 'error', errors: [{ code: 'auth.forbidden', path: 'teamId', message: expect.any(String) }] });
  });

  it('imports JSON rows and reports each bad field of a row', async () => {
    const res = await host.call('POST', '/api/v1/issues/import', {
      as: 'office',
      body: {
        rows: [
          { enterpriseId: gaoxin02.id, teamId: 'gaoxin-02', category: '审批手续', title: '环评审批进度', description: '已提交两个月', externalId: 'J-1' },
          { enterpriseId: gaoxin02.id, teamId: 'gaoxin-02', category: '没有这个类别', title: '' },
          'not a row',
        ],
      },
    });
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report).toMatchObject({ imported: 1, duplicates: 0, failed: 2 });
    expect(report.rows[0]).toEqual({ row: 1, status: 'created', issueId: expect.any(String) });
    expect(report.rows[1].errors.map((e: any) => e.path)).toEqual(['title']);
    expect(report.rows[2]).toMatchObject({ row: 3, status: 'error', errors: [{ path: '(row)' }] });
    const unknownCategory = await json(
      await host.call('POST', '/api/v1/issues/import', { as: 'office', body: { rows: [{ enterpriseId: gaoxin02.id, teamId: 'gaoxin-02', category: '没有这个类别', title: 't' }] } }),
    );
    expect(unknownCategory.rows[0].errors).toEqual([expect.objectContaining({ code: 'category.unknown', path: 'category' })]);
  });

  it('reads quoted CSV cells with commas and line breaks, English headers in any case, and ignores other columns', async () => {
    const csv = `Title,Enterprise_ID,TEAMID,企业名称,category\n"停车难,""出入不便""\n晚高峰拥堵",${first.id},gaoxin-01,长春某公司,其他\n`;
    const report = await json(await importCsv(host, csv));
    expect(report).toMatchObject({ imported: 1, failed: 0 });
    const issue = await json(await host.call('GET', `/api/v1/issues/${report.rows[0].issueId}`, { as: member }));
    expect(issue.title).toBe('停车难,"出入不便"\n晚高峰拥堵');
  });

  it.each([
    ['a body that is neither CSV nor JSON', 'text/plain', 'hello', 'body.unsupported_type'],
    ['a CSV without the 标题 column', 'text/csv', `企业编号,助企队,类别\n${first.id},gaoxin-01,其他\n`, 'csv.missing_column'],
    ['a CSV saved as GBK', 'text/csv', new Uint8Array([0xc6, 0xf3, 0xd2, 0xb5, 0xb1, 0xe0, 0xba, 0xc5, 0x0a]), 'csv.not_utf8'],
    ['a CSV with an unclosed quote', 'text/csv', `title,enterpriseId,teamId,category\n"unclosed,${first.id},gaoxin-01,其他\n`, 'csv.malformed'],
    ['a CSV with only its header', 'text/csv', 'title,enterpriseId,teamId,category\n', 'import.empty'],
    ['more than 1000 rows', 'text/csv', `title,enterpriseId,teamId,category\n${`t,${first.id},gaoxin-01,其他\n`.repeat(1001)}`, 'import.too_many_rows'],
    ['JSON without rows', 'application/json', '{"issues":[]}', 'field.invalid_type'],
    ['malformed JSON', 'application/json', '{"rows":[', 'body.invalid_json'],
  ])('answers 400 and writes nothing for %s', async (_, type, body, code) => {
    const before = await itemCounts(host);
    const res = await host.app.request('/api/v1/issues/import', { method: 'POST', headers: { authorization: `Bearer ${tokens.get(member)}`, 'content-type': type }, body });
    expect(res.status).toBe(400);
    const error = await json(res);
    expect(error.error).toBe('validation.failed');
    expect(error.details.map((d: any) => d.code)).toContain(code);
    expect(await itemCounts(host)).toEqual(before);
  });

  it('is in the OpenAPI document with the JSON row schema, and so is the webhook', async () => {
    const doc = await json(await host.app.request('/api/v1/openapi.json'));
    const body = doc.paths['/api/v1/issues/import'].post.requestBody.content;
    expect(Object.keys(body)).toEqual(['application/json', 'text/csv']);
    expect(body['application/json'].schema.properties.rows.items.properties).toHaveProperty('externalId');
    expect(doc.paths['/api/v1/events/issue-closed'].post.security).toEqual([]);
  });

  it('refuses an unnamed caller', async () => {
    const res = await host.app.request('/api/v1/issues/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csvWithBom });
    expect(res.status).toBe(401);
  });
});
