import { serve, type ServerType } from '@hono/node-server';
import type { Settings } from '../../functions/core/settings';
import { freePort } from '../../infra/local/dynamodb-local';
import { buildLocalHost, type LocalHost } from '../../infra/local/local-host';
import { demoEnterprises, demoTeams, demoZones } from '../../infra/local/seed/demo-org';
import { freshTable } from './test-host';

/** The local host on a real HTTP port (for the browser), over a fresh table with the demo org. */
export async function servedHost(settings: Partial<Settings> = {}): Promise<LocalHost & { baseUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { endpoint, tableName } = await freshTable('e2e');
  const host = await buildLocalHost({ endpoint, tableName, settings: { publicBaseUrl: baseUrl, ...settings } });
  await host.org.putAll({ zones: demoZones, teams: demoTeams, enterprises: demoEnterprises });
  const server: ServerType = await new Promise((done) => {
    const s = serve({ fetch: host.app.fetch, port, hostname: '127.0.0.1' }, () => done(s));
  });
  return { ...host, baseUrl, stop: () => new Promise<void>((done) => server.close(() => done())) };
}
