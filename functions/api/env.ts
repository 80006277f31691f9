import type { Context } from 'hono';
import type { StaffAuthenticator } from '../adapters/auth/staff-authenticator';
import type { Principal } from '../core/auth/principal';
import type { CoreDeps } from '../core/deps';

/** What the Hono app is built from: the core's deps, how staff sign in, how to tell a caller's address. */
export interface ApiDeps {
  core: CoreDeps;
  auth: StaffAuthenticator;
  /** The caller's network address (rate limits); each host reads it its own way. */
  clientAddress(c: Context): string;
  /** The shared secret outside ledgers sign webhooks with; without it the webhook answers 503. */
  webhookSecret?: string;
  /** Signs SMS delivery receipts (`POST /api/v1/sms/receipts/{provider}`); without it they answer 503. */
  smsReceiptSecret?: string;
}

/** Hono typing: the verified principal on staff routes. */
export interface ApiEnv {
  Variables: { principal: Principal };
}
