import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import type { Settings } from '../../functions/core/settings';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb-local';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { buildLocalHost, type LocalHost } from '../../infra/local/local-host';
import { demoEnterprises, demoTeams, demoZones } from '../../infra/local/seed/demo-org';

/** A fresh table on the suite's DynamoDB Local, named uniquely so test files never see each other's data. */
export async function freshTable(prefix = 'test'): Promise<{ endpoint: string; tableName: string }> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const admin = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  await ensureTable(admin, tableName);
  admin.destroy();
  return { endpoint, tableName };
}

export interface TestHost extends LocalHost {
  /** A request to the app as `username` (a demo user), JSON in and out. */
  call(method: string, path: string, options?: { as?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  tokenFor(username: string): Promise<string>;
}

/**
 * The local host over a fresh table with the demo zones, teams and enterprises (no issues),
 * exercised through `app.request()`: the real app, the real stores, DynamoDB Local.
 */
export async function testHost(settings: Partial<Settings> = {}): Promise<TestHost> {
  const { endpoint, tableName } = await freshTable();
  const host = await buildLocalHost({ endpoint, tableName, settings });
  await host.org.putAll({ zones: demoZones, teams: demoTeams, enterprises: demoEnterprises });
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await host.app.request('/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
    const token = ((await res.json()) as { access_token: string }).access_token;
    tokens.set(username, token);
    return token;
  };
  const call: TestHost['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${await tokenFor(options.as)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return host.app.request(path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  };
  return { ...host, call, tokenFor };
}

/** The token in a survey SMS body. */
export function tokenOf(smsBody: string): string {
  const token = /\/s\/([A-Za-z0-9_-]+)/.exec(smsBody)?.[1];
  if (!token) throw new Error(`no survey link in: ${smsBody}`);
  return token;
}
