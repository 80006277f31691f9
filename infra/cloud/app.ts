/**
 * The CDK app entry (`cdk.json`: `npx tsx infra/cloud/app.ts`). Settings come from CDK context
 * (`cdk.json` or `cdk deploy -c stage=prod -c region=cn-north-1`) and the CLI's default environment.
 */
import { App } from 'aws-cdk-lib';
import { addHuifangStacks } from './huifang-stacks';
import { readDeploymentSettings } from './settings';

const app = new App();
addHuifangStacks(app, readDeploymentSettings({ context: (key) => app.node.tryGetContext(key), env: process.env }));
app.synth();
