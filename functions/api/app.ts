import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { ApiDeps, ApiEnv } from './env';
import { jsonError } from './error-mapper';
import { requireStaff } from './auth-middleware';
import { callbackTaskRoutes } from './routes/callback-tasks';
import { apiLinks, homeRoutes } from './routes/home';
import { issueRoutes } from './routes/issues';
import { openApiDocument } from './routes/openapi';
import { orgRoutes } from './routes/org';
import { reportRoutes } from './routes/reports';
import { surveyRoutes } from './routes/survey';

/**
 * The whole huifang HTTP surface as one Hono app, the same on Lambda and on Node:
 * `createApp(deps).request('/api/v1/issues', ...)` exercises every behaviour without a server.
 */
export function createApp(deps: ApiDeps) {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      referrerPolicy: 'no-referrer',
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        scriptSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/', homeRoutes(apiLinks));
  app.route('/s', surveyRoutes(deps));

  const api = new Hono<ApiEnv>();
  api.get('/openapi.json', (c) => c.json(openApiDocument()));
  api.use('*', requireStaff(deps));
  api.route('/', orgRoutes(deps));
  api.route('/issues', issueRoutes(deps));
  api.route('/callback-tasks', callbackTaskRoutes(deps));
  api.route('/reports', reportRoutes(deps));
  app.route('/api/v1', api);

  app.notFound((c) => c.json({ error: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` }, 404));
  app.onError(jsonError);
  return app;
}

export type HuifangApp = ReturnType<typeof createApp>;
