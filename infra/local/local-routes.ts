import { Hono } from 'hono';
import { z } from 'zod';
import type { LocalIssuer } from '../../functions/adapters/auth/local-issuer';
import type { SettableClock } from '../../functions/adapters/clock/clocks';
import type { LocalOutbox } from '../../functions/adapters/sms/local-outbox';
import { DomainError } from '../../functions/core/errors';
import type { CoreDeps } from '../../functions/core/deps';
import { runSweeper } from '../../functions/jobs/sweeper';
import { optOutBySmsReply } from '../../functions/core/org/opt-out';
import { apiLinks, homeRoutes } from '../../functions/api/routes/home';
import { jsonBody } from '../../functions/api/validation';
import { REPLAY_WINDOW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../functions/api/webhook-signature';
import { demoUsers, findDemoUser } from './demo-users';
import { localSignIn } from './local-sign-in';

const TOKEN_TTL_SECONDS = 8 * 60 * 60;

const credentialsSchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(200) });
const clockSchema = z.object({ now: z.iso.datetime({ offset: true }).nullable() });
const smsReplySchema = z.object({ from: z.string().min(1).max(32), body: z.string().max(500) });

/** The routes only the local host has: demo sign-in, the SMS outbox, the settable clock, a sweep on demand. */
export function localRoutes(deps: {
  core: CoreDeps;
  clock: SettableClock;
  outbox: LocalOutbox;
  issuer: LocalIssuer;
  webhookSecret: string;
  /** Resolves when sweeps may run (not while the demo history is being written in the past). */
  sweepsAllowed: () => Promise<unknown>;
}) {
  return new Hono()
    .route(
      '/',
      homeRoutes([
        ...apiLinks,
        { href: '/app/login', label: '工作人员页面 staff pages', note: 'tasks, ledger and dispatch view; sign in as a demo user' },
        { href: '/local/outbox', label: '短信发件箱 SMS outbox', note: 'the survey SMS the local gateway kept; open a link to answer' },
        { href: '/local/demo-users', label: '演示账号 demo users', note: 'sign in with POST /auth/token' },
        { href: '/local/clock', label: '时钟 clock', note: 'POST {"now": ISO | null} to move time; POST /local/sweep to run the sweeper' },
        { href: '/local/webhook-secret', label: 'Webhook 密钥 secret', note: 'what an outside ledger signs POST /api/v1/events/issue-closed with' },
      ]),
    )
    // The demo sign-in page, in front of the cloud's /app/login of the staff pages.
    .route('/', localSignIn({ core: deps.core, issuer: deps.issuer }))
    .get('/local/demo-users', async (c) => c.json(await demoUsers(deps.core.org)))
    .get('/local/jwks.json', (c) => c.json(deps.issuer.jwks()))
    .get('/local/webhook-secret', (c) =>
      c.json({
        secret: deps.webhookSecret,
        url: '/api/v1/events/issue-closed',
        headers: { [TIMESTAMP_HEADER]: 'unix seconds', [SIGNATURE_HEADER]: 'sha256=<hex of HMAC-SHA256(secret, timestamp + "." + raw body)>' },
        replayWindowSeconds: REPLAY_WINDOW_SECONDS,
      }),
    )
    .post('/auth/token', async (c) => {
      const { username, password } = await jsonBody(c, credentialsSchema);
      const user = await findDemoUser(deps.core.org, username, password);
      if (!user) throw new DomainError('auth.bad_credentials', 'Unknown user or wrong password.');
      // Sign-in time is wall-clock time even when the domain clock is pinned: tokens are checked against it.
      const accessToken = await deps.issuer.issue(user, new Date(), TOKEN_TTL_SECONDS);
      return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS });
    })
    .get('/local/outbox', async (c) => c.json(await deps.outbox.list(c.req.query('to') || undefined)))
    .get('/local/clock', (c) => c.json({ now: deps.core.clock.now().toISOString(), pinned: deps.clock.pinnedTo !== null }))
    .post('/local/clock', async (c) => {
      const { now } = await jsonBody(c, clockSchema);
      deps.clock.set(now === null ? null : new Date(now));
      return c.json({ now: deps.core.clock.now().toISOString(), pinned: now !== null });
    })
    .post('/local/sweep', async (c) => {
      await deps.sweepsAllowed();
      return c.json(await runSweeper(deps.core));
    })
    // An enterprise's reply to a survey SMS, as a provider's inbound webhook would bring it: 退订/TD/T opts out.
    .post('/local/sms-reply', async (c) => c.json(await optOutBySmsReply(deps.core, await jsonBody(c, smsReplySchema))));
}
