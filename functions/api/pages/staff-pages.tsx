import { Hono } from 'hono';
import { DomainError } from '../../core/errors';
import { CloudLoginPage } from '../../../web/staff/login-page';
import { MessagePage } from '../../../web/staff/staff-layout';
import type { ApiDeps, ApiEnv } from '../env';
import { formFields } from './form-post';
import { invitationPages } from './invitation-pages';
import { issuePages } from './issue-pages';
import { pageError } from './page-error';
import { reportDetailPages } from './report-detail-pages';
import { reportPages } from './report-pages';
import { endSession, requireSession, sameOriginPosts, startSession } from './session';
import { taskPages } from './task-pages';
import { zonePages } from './zone-pages';

/**
 * The staff pages under `/app`: server-rendered, zh-CN, phone-first, plain forms that post and
 * redirect back (they work with JavaScript off). The session is the staff JWT in an HttpOnly cookie,
 * verified like the API's bearer tokens; every post passes the same-origin check.
 *
 * `/app/login` here is the cloud's: sign-in happens at the organisation's identity provider, and a
 * pasted ID token is accepted. The local host mounts its own demo sign-in in front of it.
 *
 * @example app.route('/app', staffPages(deps)) // then GET /app/tasks with the cookie
 */
export function staffPages(deps: ApiDeps) {
  const app = new Hono<ApiEnv>();
  app.use('*', sameOriginPosts(deps.core.settings.publicBaseUrl));

  app.get('/login', (c) => c.html(<CloudLoginPage />));
  app.post('/login', async (c) => {
    const token = (await formFields(c)).token?.trim() ?? '';
    try {
      await deps.auth.authenticate(token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return c.html(<CloudLoginPage error="令牌无效或已过期，请重新获取。" />, 401);
    }
    startSession(c, token);
    return c.redirect('/app/tasks', 303);
  });
  app.on(['GET', 'POST'], '/logout', (c) => {
    endSession(c);
    return c.redirect('/app/login', 303);
  });

  app.use('*', requireSession(deps.auth));
  app.get('/', (c) => c.redirect('/app/tasks', 303));
  app.route('/tasks', taskPages(deps));
  app.route('/issues', issuePages(deps));
  app.route('/zone', zonePages(deps));
  app.route('/reports', reportPages(deps));
  app.route('/reports', reportDetailPages(deps));
  app.route('/invitations', invitationPages(deps));
  app.all('*', (c) => c.html(<MessagePage title="未找到" message="没有这个页面。" viewer={c.get('principal')} />, 404));
  app.onError(pageError);
  return app;
}
