import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app';
import { loadCloudApiDeps, readCloudEnv } from '../composition/cloud';

// Top-level await: the webhook secret is read from Secrets Manager once, during the Lambda init phase,
// before the first request; a failure to read it is logged and only the webhook answers 503.
const app = createApp(await loadCloudApiDeps(readCloudEnv()));

/** API Gateway HTTP API (payload v2) -> the Hono app. Built once per Lambda instance. */
export const handler = handle(app);
