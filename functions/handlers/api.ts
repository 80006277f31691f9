import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app';
import { cloudApiDeps, readCloudEnv } from '../deps';

/** API Gateway HTTP API (payload v2) -> the Hono app. Built once per Lambda instance. */
export const handler = handle(createApp(cloudApiDeps(readCloudEnv())));
