import { join } from 'node:path';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { LocalIssuer } from '../../functions/adapters/auth/local-issuer';
import { loadLocalWebhookSecret } from '../../functions/adapters/auth/local-webhook-secret';
import { officialCalendarWith } from '../../functions/adapters/calendar/official-calendar';
import { SettableClock } from '../../functions/adapters/clock/clocks';
import { documentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoOrgStore } from '../../functions/adapters/dynamodb/org-store';
import { dynamoStores } from '../../functions/adapters/dynamodb/stores';
import { surveyTokens, ulidIds } from '../../functions/adapters/ids/ids';
import { LocalOutbox } from '../../functions/adapters/sms/local-outbox';
import { defaultSurveyCatalog } from '../../functions/adapters/surveys/catalog';
import { createApp } from '../../functions/api/app';
import { jsonError } from '../../functions/api/error-mapper';
import type { ApiDeps } from '../../functions/api/env';
import type { CoreDeps } from '../../functions/core/deps';
import { settingsSchema, type Settings } from '../../functions/core/settings';
import { smsLengthProblems } from '../../functions/core/invitations/sms-text';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { localRoutes } from './local-routes';

export interface LocalHostOptions {
  endpoint: string;
  tableName: string;
  /** Where the outbox and the issuer's keys are kept; in memory when absent (tests). */
  dataDir?: string;
  settings?: Partial<Settings>;
}

/** The caller's address on Node; `app.request()` in tests has no socket and reads as `local`. */
function nodeClientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/**
 * The composition root of the embedded host: the same core and the same Hono app as the cloud,
 * with DynamoDB Local, the settable clock, the local outbox and the local JWT issuer, plus the
 * `/local/*` and `/auth/token` routes. Tests build exactly this.
 */
export async function buildLocalHost(options: LocalHostOptions) {
  const clock = new SettableClock();
  const outbox = new LocalOutbox(options.dataDir ? join(options.dataDir, 'outbox.jsonl') : undefined);
  const issuer = await LocalIssuer.load(options.dataDir);
  const webhookSecret = await loadLocalWebhookSecret(options.dataDir);
  const doc = documentClient({ endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const table = { doc, name: options.tableName };
  const settings = settingsSchema.parse(options.settings ?? {});
  for (const problem of smsLengthProblems(settings)) console.warn(`warning: ${problem.message}`);
  const core: CoreDeps = {
    clock,
    ids: ulidIds(clock),
    tokens: surveyTokens,
    calendar: officialCalendarWith(settings.calendarOverrides),
    surveys: defaultSurveyCatalog(),
    sms: outbox,
    settings,
    ...dynamoStores(table),
  };
  const api: ApiDeps = {
    core,
    auth: issuer.authenticator(`${settings.publicBaseUrl}/local/jwks.json`),
    clientAddress: nodeClientAddress,
    webhookSecret,
    // One local secret signs both: the ledger webhook and SMS delivery receipts (shown at /local/webhook-secret).
    smsReceiptSecret: webhookSecret,
  };
  const app = createApp(api);
  // Local routes go first so that the app's not-found handler never shadows them.
  // A sweep while the demo history is written (in the past) would send that history for real.
  let sweepGate: Promise<unknown> = Promise.resolve();
  const host = localRoutes({ core, clock, outbox, issuer, webhookSecret, sweepsAllowed: () => sweepGate });
  host.route('/', app);
  host.onError(jsonError);
  host.notFound((c) => c.json({ error: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` }, 404));
  /** Holds every sweep (the route's too) until `work` settles. */
  const holdSweepsUntil = (work: Promise<unknown>) => {
    sweepGate = work.catch(() => undefined);
  };
  return { app: host, core, clock, outbox, issuer, webhookSecret, table, org: new DynamoOrgStore(table), holdSweepsUntil, close: () => doc.destroy() };
}

export type LocalHost = Awaited<ReturnType<typeof buildLocalHost>>;
