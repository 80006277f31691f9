import { beforeAll, describe, expect, it } from 'vitest';
import { testHost, type TestHost } from '../support/test-host';

/** Every route under /api/v1 that the app serves appears in the OpenAPI document, method and all. */
describe('the OpenAPI document', () => {
  let host: TestHost;
  let doc: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    host = await testHost();
    doc = (await (await host.app.request('/api/v1/openapi.json')).json()) as typeof doc;
  });

  const served = () =>
    [
      ...new Set(
        host.app.routes
          .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json' && !r.path.endsWith('*'))
          .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/$/, '')}`),
      ),
    ].sort();

  it('sees the routes it checks', () => {
    expect(served()).toEqual(expect.arrayContaining(['post /api/v1/issues', 'post /api/v1/issues/{id}/close', 'get /api/v1/reports/scores']));
  });

  it('documents every served route', () => {
    const missing = served().filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return !doc.paths[path]?.[method];
    });
    expect(missing).toEqual([]);
  });

  it('documents no route that is not served', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map((m) => `${m} ${path}`));
    expect(documented.filter((d) => !served().includes(d))).toEqual([]);
  });
});
