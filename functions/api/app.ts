import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { ApiDeps, ApiEnv } from './env';
import { jsonError } from './error-mapper';
import { requireStaff } from './auth-middleware';
import { appealRoutes } from './routes/appeals';
import { calendarRoutes } from './routes/calendar';
import { callbackTaskRoutes } from './routes/callback-tasks';
import { categoryRoutes } from './routes/categories';
import { eventRoutes } from './routes/events';
import { apiLinks, homeRoutes } from './routes/home';
import { invitationRoutes } from './routes/invitations';
import { issueImportRoutes } from './routes/issue-import';
import { issueRoutes } from './routes/issues';
import { openApiDocument } from './routes/openapi';
import { orgRoutes } from './routes/org';
import { reportRoutes } from './routes/reports';
import { reportExportRoutes } from './routes/report-exports';
import { reportResponseRoutes } from './routes/report-responses';
import { responseRoutes } from './routes/responses';
import { smsReceiptRoutes } from './routes/sms-receipts';
import { surveyRoutes } from './routes/survey';
import { surveyCodeRoutes } from './routes/survey-code';
import { staffPages } from './pages/staff-pages';

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
        // Styles stay inline (one <style> per page, nothing a visitor can inject into); scripts run
        // only with this response's nonce, read by a page as c.get('secureHeadersNonce').
        styleSrc: ["'unsafe-inline'"],
        scriptSrc: [NONCE],
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
  // Code mode's fixed entry page: the code and phone digits lead on to /s/{token}.
  app.route('/c', surveyCodeRoutes(deps));
  app.route('/app', staffPages(deps));

  const api = new Hono<ApiEnv>();
  api.get('/openapi.json', (c) => c.json(openApiDocument()));
  // Signed with the webhook secret, not a staff token: before the staff middleware.
  api.route('/events', eventRoutes(deps));
  // Delivery receipts from SMS providers, signed with the receipt secret: also before the staff middleware.
  api.route('/sms/receipts', smsReceiptRoutes(deps));
  api.use('*', requireStaff(deps));
  api.route('/', orgRoutes(deps));
  api.route('/issues/import', issueImportRoutes(deps));
  api.route('/issues', issueRoutes(deps));
  api.route('/callback-tasks', callbackTaskRoutes(deps));
  api.route('/categories', categoryRoutes(deps));
  api.route('/calendar', calendarRoutes(deps));
  api.route('/reports', reportRoutes(deps));
  api.route('/reports', reportExportRoutes(deps));
  api.route('/reports', reportResponseRoutes(deps));
  api.route('/responses', responseRoutes(deps));
  api.route('/appeals', appealRoutes(deps));
  api.route('/invitations', invitationRoutes(deps));
  app.route('/api/v1', api);

  app.notFound((c) => c.json({ error: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` }, 404));
  app.onError(jsonError);
  return app;
}

export type HuifangApp = ReturnType<typeof createApp>;
