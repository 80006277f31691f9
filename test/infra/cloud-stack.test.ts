import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/adapters/dynamodb/table-definition';
import { roles } from '../../functions/core/auth/principal';
import { cloudEnvSchema, staffIdentityVariables } from '../../functions/deps';
import { readDeploymentSettings } from '../../infra/cloud/settings';
import { StatefulStack } from '../../infra/cloud/stateful-stack';
import { skipBundling, synthesizeHuifang, type SynthesizedHuifang } from './synth-huifang';

const SYNTH_TIMEOUT = 120_000;

/** The one resource of `type` in `template`, with its logical id. */
function only(template: Template, type: string) {
  const found = Object.entries(template.findResources(type));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  const [logicalId, resource] = found[0]!;
  return { logicalId, properties: resource.Properties as Record<string, any>, resource };
}

/** Lambda functions by the handler file in their description ('HTTP API' / 'sweeper'). */
function lambdaFunctions(template: Template) {
  const all = Object.entries(template.findResources('AWS::Lambda::Function'));
  const pick = (word: string) => {
    const hit = all.find(([, r]) => String(r.Properties.Description).includes(word));
    expect(hit, `a function described as ${word}`).toBeDefined();
    return { logicalId: hit![0], properties: hit![1].Properties as Record<string, any> };
  };
  return { api: pick('HTTP API'), sweeper: pick('sweeper'), count: all.length };
}

/** Follows a weak cross-stack reference (`Fn::GetStackOutput`) to the value the stateful stack outputs. */
function producedValue(huifang: SynthesizedHuifang, reference: unknown): unknown {
  const ref = (reference as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })['Fn::GetStackOutput'];
  expect(ref, `a cross-stack reference, got ${JSON.stringify(reference)}`).toBeDefined();
  expect(ref!.StackName).toBe(huifang.statefulStackName);
  return huifang.stateful.toJSON().Outputs[ref!.OutputName]?.Value;
}

/**
 * Every environment variable the functions must be given whatever signs staff tokens: required in
 * `cloudEnvSchema`, no default. The staff identity variables are optional one by one; the schema
 * requires all of one variant (`staffIdentityVariables`) and none of the other.
 */
const requiredFunctionEnv = Object.entries(cloudEnvSchema.shape)
  .filter(([, schema]) => !schema.safeParse(undefined).success)
  .map(([name]) => name);

describe('huifang cloud app, aws partition (environment-agnostic)', () => {
  let huifang: SynthesizedHuifang;
  beforeAll(() => {
    huifang = synthesizeHuifang({ stage: 'test' });
  }, SYNTH_TIMEOUT);

  describe('the table is built from tableDefinition', () => {
    it('has the definition key schema and string key attributes', () => {
      const { properties } = only(huifang.stateful, 'AWS::DynamoDB::Table');
      expect(properties.KeySchema).toEqual([
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ]);
      const keyAttributes = [
        tableDefinition.partitionKey,
        tableDefinition.sortKey,
        ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ];
      expect(properties.AttributeDefinitions).toHaveLength(keyAttributes.length);
      expect(properties.AttributeDefinitions).toEqual(
        expect.arrayContaining(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      );
    });

    it('has exactly the GSIs of the definition, in order, with their keys and all attributes projected', () => {
      const { properties } = only(huifang.stateful, 'AWS::DynamoDB::Table');
      expect(properties.GlobalSecondaryIndexes).toEqual(
        tableDefinition.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
    });

    it('is on demand, with point-in-time recovery, the TTL attribute of the definition and deletion protection', () => {
      huifang.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it('is encrypted with its own rotating KMS key, and both are retained when the stack goes', () => {
      const key = only(huifang.stateful, 'AWS::KMS::Key');
      expect(key.properties.EnableKeyRotation).toBe(true);
      huifang.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [key.logicalId, 'Arn'] } },
      });
      const table = only(huifang.stateful, 'AWS::DynamoDB::Table');
      for (const { resource } of [key, table]) {
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
      }
    });
  });

  describe('staff user pool', () => {
    it('has one group per huifang role, and no other', () => {
      huifang.stateful.resourceCountIs('AWS::Cognito::UserPoolGroup', roles.length);
      const groupNames = Object.values(huifang.stateful.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
      expect(groupNames.sort()).toEqual([...roles].sort());
      expect(roles).toEqual(expect.arrayContaining(['office', 'zone-dispatcher', 'team-member', 'function-group']));
    });

    it('lets only administrators create accounts and carries zoneId and teamId as mutable strings', () => {
      const pool = only(huifang.stateful, 'AWS::Cognito::UserPool');
      expect(pool.properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
      for (const name of ['zoneId', 'teamId']) {
        expect(pool.properties.Schema).toContainEqual(expect.objectContaining({ Name: name, AttributeDataType: 'String', Mutable: true }));
      }
      expect(pool.resource.DeletionPolicy).toBe('Retain');
    });

    it('has a client without secret or OAuth that cannot write custom:zoneId or custom:teamId', () => {
      const client = only(huifang.stateful, 'AWS::Cognito::UserPoolClient');
      expect(client.properties.GenerateSecret).toBe(false);
      expect(client.properties.AllowedOAuthFlowsUserPoolClient ?? false).toBe(false);
      expect(client.properties.WriteAttributes).toEqual(expect.any(Array));
      expect(client.properties.WriteAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
    });
  });

  describe('functions', () => {
    it('are two, both Node.js 20 on arm64 with 512 MB, the API under 30 s and the sweeper under a minute', () => {
      const { api, sweeper, count } = lambdaFunctions(huifang.stateless);
      expect(count).toBe(2);
      for (const fn of [api, sweeper]) {
        expect(fn.properties).toMatchObject({ Runtime: 'nodejs20.x', Architectures: ['arm64'], MemorySize: 512, Handler: 'index.handler' });
      }
      expect(api.properties.Timeout).toBe(29);
      expect(sweeper.properties.Timeout).toBe(55);
    });

    it('read HUIFANG_TABLE_NAME from the table of the stateful stack', () => {
      const table = only(huifang.stateful, 'AWS::DynamoDB::Table');
      const { api, sweeper } = lambdaFunctions(huifang.stateless);
      for (const fn of [api, sweeper]) {
        expect(producedValue(huifang, fn.properties.Environment.Variables.HUIFANG_TABLE_NAME)).toEqual({ Ref: table.logicalId });
      }
    });

    it('are given every variable cloudEnvSchema requires, the user pool ids and the API as public base URL', () => {
      const pool = only(huifang.stateful, 'AWS::Cognito::UserPool');
      const client = only(huifang.stateful, 'AWS::Cognito::UserPoolClient');
      const httpApi = only(huifang.stateless, 'AWS::ApiGatewayV2::Api');
      expect(requiredFunctionEnv).toEqual(expect.arrayContaining(['HUIFANG_TABLE_NAME', 'HUIFANG_PUBLIC_BASE_URL']));
      const { api, sweeper } = lambdaFunctions(huifang.stateless);
      for (const fn of [api, sweeper]) {
        const env = fn.properties.Environment.Variables;
        expect(Object.keys(env)).toEqual(expect.arrayContaining([...requiredFunctionEnv, ...staffIdentityVariables.cognito]));
        for (const name of [...staffIdentityVariables.issuer, 'HUIFANG_JWKS_URI']) expect(env).not.toHaveProperty(name);
        expect(env).not.toHaveProperty('AWS_REGION');
        expect(producedValue(huifang, env.HUIFANG_USER_POOL_ID)).toEqual({ Ref: pool.logicalId });
        expect(producedValue(huifang, env.HUIFANG_USER_POOL_CLIENT_ID)).toEqual({ Ref: client.logicalId });
        expect(env.HUIFANG_PUBLIC_BASE_URL).toEqual({ 'Fn::GetAtt': [httpApi.logicalId, 'ApiEndpoint'] });
        expect(env).toMatchObject({ HUIFANG_SMS_GATEWAY: 'log', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
      }
    });

    it('may read and write the table and use its KMS key', () => {
      const table = only(huifang.stateful, 'AWS::DynamoDB::Table');
      const key = only(huifang.stateful, 'AWS::KMS::Key');
      const { api, sweeper } = lambdaFunctions(huifang.stateless);
      const policies = Object.values(huifang.stateless.findResources('AWS::IAM::Policy'));
      for (const fn of [api, sweeper]) {
        const role = fn.properties.Role['Fn::GetAtt'][0];
        const policy = policies.find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]));
        const statements = policy!.Properties.PolicyDocument.Statement as Array<{ Action: string[]; Resource: unknown }>;
        const dynamo = statements.find((s) => s.Action.includes('dynamodb:PutItem'))!;
        expect(dynamo.Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
        expect(producedValue(huifang, (dynamo.Resource as unknown[])[0])).toEqual({ 'Fn::GetAtt': [table.logicalId, 'Arn'] });
        const kms = statements.find((s) => s.Action.includes('kms:Decrypt'))!;
        expect(producedValue(huifang, kms.Resource)).toEqual({ 'Fn::GetAtt': [key.logicalId, 'Arn'] });
      }
    });

    it('log to their own log groups, kept for 90 days', () => {
      const { api, sweeper } = lambdaFunctions(huifang.stateless);
      const groups = huifang.stateless.findResources('AWS::Logs::LogGroup');
      for (const fn of [api, sweeper]) {
        const group = groups[fn.properties.LoggingConfig.LogGroup.Ref];
        expect(group?.Properties.RetentionInDays).toBe(90);
      }
    });

    it('are bundled by the local esbuild as ESM with the createRequire banner, the AWS SDK included', () => {
      const assembly = huifang.app.synth();
      const bundles = readdirSync(assembly.directory)
        .filter((name) => name.startsWith('asset.'))
        .map((name) => join(assembly.directory, name, 'index.mjs'))
        .filter((file) => existsSync(file));
      expect(bundles).toHaveLength(2);
      for (const file of bundles) {
        const code = readFileSync(file, 'utf8');
        expect(code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
        expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
        expect(existsSync(`${file}.map`)).toBe(true);
      }
    });
  });

  describe('HTTP API and schedule', () => {
    it('is an HTTP API whose $default route sends every request to the API function', () => {
      const { api } = lambdaFunctions(huifang.stateless);
      only(huifang.stateless, 'AWS::ApiGatewayV2::Api');
      huifang.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
      const integration = only(huifang.stateless, 'AWS::ApiGatewayV2::Integration');
      expect(integration.properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [api.logicalId, 'Arn'] },
      });
      const route = only(huifang.stateless, 'AWS::ApiGatewayV2::Route');
      expect(route.properties.RouteKey).toBe('$default');
      expect(route.properties.Target).toEqual({ 'Fn::Join': ['', ['integrations/', { Ref: integration.logicalId }]] });
      huifang.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
    });

    it('invokes the sweeper at rate(1 minute), without retries', () => {
      const { sweeper } = lambdaFunctions(huifang.stateless);
      const schedule = only(huifang.stateless, 'AWS::Scheduler::Schedule');
      expect(schedule.properties).toMatchObject({
        ScheduleExpression: 'rate(1 minute)',
        State: 'ENABLED',
        Target: { Arn: { 'Fn::GetAtt': [sweeper.logicalId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } },
      });
    });
  });

  it('matches the reviewed templates (asset hashes blanked)', () => {
    const blank = (template: Template) => JSON.parse(JSON.stringify(template.toJSON()).replace(/[0-9a-f]{64}/g, '<asset-hash>'));
    expect({ stateful: blank(huifang.stateful), stateless: blank(huifang.stateless) }).toMatchSnapshot();
  });
});

describe.each(['cn-north-1', 'cn-northwest-1'])('huifang cloud app, aws-cn partition (%s)', (region) => {
  const externalStaffIssuer = { issuer: 'https://idp.example.gov.cn/realms/staff', audience: 'huifang', jwksUri: 'https://idp.example.gov.cn/realms/staff/certs' };
  let huifang: SynthesizedHuifang;
  beforeAll(() => {
    // cdk.json makes CloudFormation's rules for the region errors, so a resource type the region
    // lacks would fail this synth (see the user pool test under 'deployment settings').
    huifang = synthesizeHuifang({ stage: 'test', account: '123456789012', region, externalStaffIssuer, ...skipBundling });
  }, SYNTH_TIMEOUT);

  it('writes no literal arn:aws or arn:aws-cn partition', () => {
    for (const template of [huifang.stateful, huifang.stateless]) {
      const json = JSON.stringify(template.toJSON());
      expect(json).not.toMatch(/arn:aws[:-]/);
      expect(json).toContain('{"Ref":"AWS::Partition"}');
    }
  });

  it('builds every ARN from AWS::Partition', () => {
    const arnJoins: unknown[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        const join = (node as Record<string, unknown>)['Fn::Join'] as [string, unknown[]] | undefined;
        if (join && join[1][0] === 'arn:') arnJoins.push(join[1][1]);
        Object.values(node).forEach(visit);
      }
    };
    visit(huifang.stateful.toJSON());
    visit(huifang.stateless.toJSON());
    expect(arnJoins.length).toBeGreaterThan(0);
    for (const partition of arnJoins) expect(partition).toEqual({ Ref: 'AWS::Partition' });
  });

  it('creates no user pool and gives the functions the external issuer instead', () => {
    huifang.stateful.resourceCountIs('AWS::Cognito::UserPool', 0);
    huifang.stateful.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    for (const output of ['UserPoolId', 'UserPoolClientId']) expect(huifang.stateful.toJSON().Outputs).not.toHaveProperty(output);
    const { api, sweeper } = lambdaFunctions(huifang.stateless);
    for (const fn of [api, sweeper]) {
      const env = fn.properties.Environment.Variables;
      expect(Object.keys(env)).toEqual(expect.arrayContaining([...requiredFunctionEnv, ...staffIdentityVariables.issuer]));
      expect(env).toMatchObject({
        HUIFANG_JWT_ISSUER: externalStaffIssuer.issuer,
        HUIFANG_JWT_AUDIENCE: externalStaffIssuer.audience,
        HUIFANG_JWKS_URI: externalStaffIssuer.jwksUri,
      });
      for (const name of staffIdentityVariables.cognito) expect(env).not.toHaveProperty(name);
    }
  });

  it('still has the table, the API and the schedule', () => {
    huifang.stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    huifang.stateless.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    huifang.stateless.resourceCountIs('AWS::Scheduler::Schedule', 1);
  });
});

describe('deployment settings', () => {
  const read = (context: Record<string, unknown>) => readDeploymentSettings({ context: (key) => context[key], env: {} });

  it('refuses an aws-cn region without an external staff issuer, since aws-cn has no Cognito user pools', () => {
    expect(() => read({ region: 'cn-north-1' })).toThrow(/externalStaffIssuer: Cognito user pools are not offered in cn-north-1; set externalStaffIssuer/);
  });

  it('accepts externalStaffIssuer as a -c JSON string, and only https URLs and known keys in it', () => {
    const settings = read({ region: 'cn-northwest-1', externalStaffIssuer: '{"issuer":"https://idp.example.gov.cn","audience":"huifang"}' });
    expect(settings.externalStaffIssuer).toEqual({ issuer: 'https://idp.example.gov.cn', audience: 'huifang' });
    expect(() => read({ externalStaffIssuer: { issuer: 'http://idp.example.gov.cn', audience: 'huifang' } })).toThrow(/externalStaffIssuer\.issuer: must be an https URL/);
    expect(() => read({ externalStaffIssuer: { issuer: 'https://idp.example.gov.cn', audience: 'huifang', jwksUrl: 'https://idp.example.gov.cn/certs' } })).toThrow(/externalStaffIssuer/);
    expect(() => read({ externalStaffIssuer: { issuer: 'https://idp.example.gov.cn' } })).toThrow(/externalStaffIssuer\.audience/);
  });

  it('may trust an external issuer in the aws partition too: then no user pool, and the JWT variables', () => {
    const issuer = '{"issuer":"https://login.example.com","audience":"huifang"}';
    const huifang = synthesizeHuifang({ stage: 'test', externalStaffIssuer: issuer, ...skipBundling });
    huifang.stateful.resourceCountIs('AWS::Cognito::UserPool', 0);
    const { api, sweeper } = lambdaFunctions(huifang.stateless);
    for (const fn of [api, sweeper]) {
      const env = fn.properties.Environment.Variables;
      expect(env).toMatchObject({ HUIFANG_JWT_ISSUER: 'https://login.example.com', HUIFANG_JWT_AUDIENCE: 'huifang' });
      expect(env).not.toHaveProperty('HUIFANG_JWKS_URI');
      expect(env).not.toHaveProperty('HUIFANG_USER_POOL_ID');
    }
  }, SYNTH_TIMEOUT);

  it('is right to: with cdk.json, a Cognito user pool in cn-north-1 fails the synth', () => {
    const app = new App({ context: cdkJson.context });
    const stack = new StatefulStack(app, 'pool-in-china', { env: { account: '123456789012', region: 'cn-north-1' } });
    expect(() => Template.fromStack(stack)).toThrow(/AWS::Cognito::UserPool' does not exist in 'cn-north-1'/);
  }, SYNTH_TIMEOUT);

  it('reads account and region from the CDK CLI environment when the context has none', () => {
    const settings = readDeploymentSettings({ context: () => undefined, env: { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-1' } });
    expect(settings).toMatchObject({ stage: 'dev', account: '123456789012', region: 'eu-west-1', smsGateway: 'log' });
  });

  it('accepts -c values as JSON strings and strips the trailing slash of publicBaseUrl', () => {
    const settings = read({ publicBaseUrl: 'https://huifang.example.cn/', officeSettings: '{"callbackDueWorkingDays":2}' });
    expect(settings.publicBaseUrl).toBe('https://huifang.example.cn');
    expect(settings.officeSettings).toEqual({ callbackDueWorkingDays: 2 });
  });

  it('rejects office settings the core would reject, and unknown ones, before anything is deployed', () => {
    expect(() => read({ officeSettings: { callbackDueWorkingDays: 0 } })).toThrow(/officeSettings\.callbackDueWorkingDays/);
    expect(() => read({ officeSettings: { callbackDueWorkingDay: 2 } })).toThrow(/officeSettings/);
    expect(() => read({ stage: 'Prod!' })).toThrow(/stage/);
  });
});
