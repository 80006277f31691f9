/**
 * The huifang cloud app as a function of its settings, so `app.ts` and the infra test build exactly
 * the same stacks.
 */
import type { App, Environment } from 'aws-cdk-lib';
import type { DeploymentSettings } from './settings';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/**
 * Adds the stateful and the stateless stack of one stage to `app`. With no account and region the
 * stacks are environment-agnostic; with a region in `aws-cn` they target Beijing or Ningxia. Every ARN
 * takes its partition from `AWS::Partition` (cdk.json turns `enablePartitionLiterals` off), so a
 * template is right in whichever partition it is deployed.
 *
 * @example
 * const { stateful, stateless } = addHuifangStacks(new App(), { stage: 'dev', smsGateway: 'log' });
 */
export function addHuifangStacks(app: App, settings: DeploymentSettings) {
  const env: Environment = { account: settings.account, region: settings.region };
  const prefix = `huifang-${settings.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    env,
    externalStaffIssuer: settings.externalStaffIssuer,
    smsGateway: settings.smsGateway,
    description: `huifang ${settings.stage}: ${settings.externalStaffIssuer ? 'table, key and webhook secret' : 'table, key, webhook secret and staff user pool'} (retained)`,
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    env,
    stateful,
    settings,
    description: `huifang ${settings.stage}: functions, HTTP API and sweeper schedule`,
  });
  return { stateful, stateless };
}
