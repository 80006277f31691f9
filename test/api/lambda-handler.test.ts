import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb-local';
import { buildLocalHost } from '../../infra/local/local-host';
import { demoEnterprises, demoTeams, demoZones } from '../../infra/local/seed/demo-org';
import { closeIssue } from '../../functions/core/ledger/close-issue';
import { createIssue } from '../../functions/core/ledger/issues';
import { runSweeper } from '../../functions/jobs/sweeper';
import { pinWallClock } from '../support/pinned-wall-clock';
import { freshTable, tokenOf } from '../support/test-host';

/** An API Gateway HTTP API (payload format 2.0) event, shaped as AWS documents it. */
function httpApiEvent(method: string, path: string, query = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    cookies: [],
    headers: { accept: 'text/html', host: 'abc123.execute-api.cn-north-1.amazonaws.com.cn', 'user-agent': 'Mozilla/5.0 (iPhone) MicroMessenger/8.0', 'x-forwarded-for': '203.0.113.7' },
    queryStringParameters: {},
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.cn-north-1.amazonaws.com.cn',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone) MicroMessenger/8.0' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage: '$default',
      time: '29/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_946_400_000,
    },
    isBase64Encoded: false,
  };
}

const lambdaContext = { awsRequestId: 'req-1', functionName: 'huifang-api', getRemainingTimeInMillis: () => 29_000 } as unknown as Context;

describe('the api Lambda handler', () => {
  let token: string;
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<any>;

  beforeAll(async () => {
    const { endpoint, tableName } = await freshTable('lambda');
    // Data made through the local host on the same table: an invitation sent, its link in the outbox.
    const host = await buildLocalHost({ endpoint, tableName });
    await host.org.putAll({ zones: demoZones, teams: demoTeams, enterprises: demoEnterprises });
    host.clock.set(new Date('2026-11-24T02:00:00Z'));
    const office = { sub: 'office', username: 'office', role: 'office' as const };
    const issue = await createIssue(host.core, office, { enterpriseId: 'ent-001', teamId: 'gaoxin-01', category: '其他', title: 't' });
    await closeIssue(host.core, office, issue.id, { resolution: 'r' });
    host.clock.set(new Date('2026-11-24T05:00:00Z'));
    await runSweeper(host.core);
    token = tokenOf((await host.outbox.list())[0]!.body);
    // The cloud handler reads the wall clock (systemClock): pin it to an hour after the SMS went out.
    pinWallClock('2026-11-24T06:00:00Z');

    vi.stubEnv('HUIFANG_TABLE_NAME', tableName);
    vi.stubEnv('HUIFANG_DYNAMODB_ENDPOINT', endpoint);
    vi.stubEnv('AWS_REGION', LOCAL_REGION);
    vi.stubEnv('AWS_ACCESS_KEY_ID', LOCAL_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', LOCAL_CREDENTIALS.secretAccessKey);
    vi.stubEnv('HUIFANG_USER_POOL_ID', 'us-east-1_Example1');
    vi.stubEnv('HUIFANG_USER_POOL_CLIENT_ID', 'exampleclientid');
    vi.stubEnv('HUIFANG_PUBLIC_BASE_URL', 'https://hf.example.cn');
    handler = (await import('../../functions/handlers/api')).handler as typeof handler;
  });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('answers an HTTP API v2 event for the survey link with the survey page', async () => {
    const result = await handler(httpApiEvent('GET', `/s/${token}`), lambdaContext);
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^text\/html/);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.body).toContain('非常满意');
  });

  it('has none of the local host routes', async () => {
    for (const path of ['/local/outbox', '/local/demo-users', '/auth/token', '/local/clock']) {
      expect((await handler(httpApiEvent('GET', path), lambdaContext)).statusCode).toBe(404);
    }
    expect((await handler(httpApiEvent('POST', '/local/sweep'), lambdaContext)).statusCode).toBe(404);
    const home = await handler(httpApiEvent('GET', '/'), lambdaContext);
    expect(home.statusCode).toBe(200);
    expect(home.body).not.toContain('/local/outbox');
  });

  it('answers an unknown link with 404 and the staff API without a token with 401', async () => {
    expect((await handler(httpApiEvent('GET', '/s/AAAAAAAAAAAAAAAAAAAAAA'), lambdaContext)).statusCode).toBe(404);
    const api = await handler(httpApiEvent('GET', '/api/v1/issues'), lambdaContext);
    expect(api.statusCode).toBe(401);
    expect(JSON.parse(api.body).error).toBe('auth.missing');
  });
});
