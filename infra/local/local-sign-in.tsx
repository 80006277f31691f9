import { Hono } from 'hono';
import type { LocalIssuer } from '../../functions/adapters/auth/local-issuer';
import type { CoreDeps } from '../../functions/core/deps';
import type { ApiEnv } from '../../functions/api/env';
import { formFields } from '../../functions/api/pages/form-post';
import { pageError } from '../../functions/api/pages/page-error';
import { sameOriginPosts, startSession } from '../../functions/api/pages/session';
import { LocalLoginPage } from '../../web/staff/login-page';
import { DEMO_PASSWORD, demoUsers, findDemoUser } from './demo-users';

/** As long as the tokens of `POST /auth/token`. */
const SESSION_TTL_SECONDS = 8 * 60 * 60;

/**
 * The local host's `/app/login`: a username and password form for the demo users, checked and
 * signed by the local issuer exactly like `POST /auth/token`, then kept in the session cookie.
 * Mounted in front of the app, so it stands in for the cloud's sign-in page.
 */
export function localSignIn(deps: { core: CoreDeps; issuer: LocalIssuer }) {
  const app = new Hono<ApiEnv>();
  app.use('/app/login', sameOriginPosts(deps.core.settings.publicBaseUrl));
  app.get('/app/login', async (c) => c.html(<LocalLoginPage users={await demoUsers(deps.core.org)} password={DEMO_PASSWORD} />));
  app.post('/app/login', async (c) => {
    const { username = '', password = '' } = await formFields(c);
    const user = await findDemoUser(deps.core.org, username, password);
    if (!user) {
      return c.html(<LocalLoginPage users={await demoUsers(deps.core.org)} password={DEMO_PASSWORD} username={username} error="用户名或密码错误。" />, 401);
    }
    // Wall-clock time, as for /auth/token: the token is checked against it even when the domain clock is pinned.
    startSession(c, await deps.issuer.issue(user, new Date(), SESSION_TTL_SECONDS));
    return c.redirect('/app/tasks', 303);
  });
  app.onError(pageError);
  return app;
}
