/**
 * Synthesizes the huifang cloud app the way `cdk synth` does (the feature flags of cdk.json, settings
 * read from context), so the infra tests look at the templates a deploy would send.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { addHuifangStacks } from '../../infra/cloud/huifang-stacks';
import { readDeploymentSettings } from '../../infra/cloud/settings';

export interface SynthesizedHuifang {
  app: App;
  stateful: Template;
  stateless: Template;
  /** The stack names, as `Fn::GetStackOutput` references them. */
  statefulStackName: string;
}

/**
 * Builds both stacks from `context` (merged over cdk.json's) and an empty environment, so no
 * `CDK_DEFAULT_*` of the machine running the tests leaks in.
 *
 * @example
 * const { stateless } = synthesizeHuifang({ stage: 'test', region: 'cn-north-1', ... });
 */
export function synthesizeHuifang(context: Record<string, unknown>): SynthesizedHuifang {
  const app = new App({ context: { ...cdkJson.context, ...context } });
  const settings = readDeploymentSettings({ context: (key) => app.node.tryGetContext(key), env: {} });
  const { stateful, stateless } = addHuifangStacks(app, settings);
  return {
    app,
    stateful: Template.fromStack(stateful),
    stateless: Template.fromStack(stateless),
    statefulStackName: stateful.stackName,
  };
}

/** Skips esbuild for every stack: for tests about the template only, where bundling adds seconds. */
export const skipBundling = { 'aws:cdk:bundling-stacks': [] };
