/**
 * What can be rebuilt at any time: the functions, the HTTP API in front of the Hono app, the
 * one-minute schedule that drives the sweeper and the daily one of the reconciliation.
 */
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { HuifangFunction } from './huifang-function';
import type { DeploymentSettings } from './settings';
import { grantSmsSending, smsGatewayEnvironment } from './sms-gateway';
import { SmsDeliveryEvents } from './sms-delivery-events';
import { staffIdentityEnvironment } from './staff-identity';
import type { StatefulStack } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  stateful: StatefulStack;
  settings: DeploymentSettings;
}

/**
 * The stateless half of huifang. Both functions read the same environment (`cloudEnvSchema` in
 * `functions/composition/cloud.ts`): the sweeper builds survey links too, so it needs the public base URL. Only the
 * api function serves the webhook, so only it may read the webhook secret.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly apiFunction: HuifangFunction;
  readonly sweeperFunction: HuifangFunction;
  /** With the `aws` gateway: the configuration set, SNS topic and function that record delivery events. */
  readonly smsDeliveryEvents?: SmsDeliveryEvents;
  readonly reconcileFunction: HuifangFunction;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stateful, settings } = props;

    this.apiFunction = new HuifangFunction(this, 'ApiFunction', {
      entry: fileURLToPath(new URL('../../functions/handlers/api.ts', import.meta.url)),
      description: 'huifang HTTP API and survey pages (Hono)',
      timeout: Duration.seconds(29),
    })
      .bindTable(stateful.data.table)
      .bindWebhookSecret(stateful.webhookSecret);
    this.sweeperFunction = new HuifangFunction(this, 'SweeperFunction', {
      entry: fileURLToPath(new URL('../../functions/handlers/sweeper.ts', import.meta.url)),
      description: 'huifang sweeper: acts on what has come due (survey SMS), once a minute',
      timeout: Duration.seconds(55),
    }).bindTable(stateful.data.table);
    // Reads a month of responses at most; writes only with `repair: true` (conditional updates of counters).
    this.reconcileFunction = new HuifangFunction(this, 'ReconcileFunction', {
      entry: fileURLToPath(new URL('../../functions/handlers/reconcile.ts', import.meta.url)),
      description: 'huifang reconciliation: recounts answers and checks the score counters, daily',
      timeout: Duration.minutes(5),
      memorySize: 1024,
    }).bindTable(stateful.data.table);

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `huifang-${settings.stage}`,
      description: 'huifang: staff JSON API and enterprise survey pages',
      defaultIntegration: new HttpLambdaIntegration('AppIntegration', this.apiFunction),
    });

    // The functions' environment may point at the API without a cycle: the environment references only
    // the `AWS::ApiGatewayV2::Api` resource, while the route and integration (which reference the
    // function) hang off it. A custom domain, when configured, wins: the execute-api host is then
    // only the origin (and in mainland China it is not publicly reachable without an ICP filing).
    const publicBaseUrl = settings.publicBaseUrl ?? this.api.apiEndpoint;
    const environment: Record<string, string> = {
      ...staffIdentityEnvironment(stateful.staff),
      ...smsGatewayEnvironment(settings.smsGateway),
      HUIFANG_PUBLIC_BASE_URL: publicBaseUrl,
      ...(settings.officeSettings ? { HUIFANG_SETTINGS: JSON.stringify(settings.officeSettings) } : {}),
    };
    // SMS secrets by ARN: the sweeper, which sends, may read the provider's keys; the api function,
    // which takes receipts, the receipt secret. The api is told the keys' ARN too (both functions
    // check one environment) but may not read it: it never sends.
    const smsSecrets = stateful.smsSecrets;
    if (smsSecrets) {
      environment.HUIFANG_SMS_CREDENTIALS_SECRET_ARN = smsSecrets.credentials.secretArn;
      smsSecrets.credentials.grantRead(this.sweeperFunction);
      this.apiFunction.bindSecret(smsSecrets.receipt, 'HUIFANG_SMS_RECEIPT_SECRET_ARN');
    }
    const environmentOnly: HuifangFunction[] = [];
    const gateway = settings.smsGateway;
    if (gateway !== 'log' && gateway.kind === 'aws') {
      const events = new SmsDeliveryEvents(this, 'SmsDeliveryEvents', { stage: settings.stage, configurationSet: gateway.configurationSet });
      this.smsDeliveryEvents = events;
      events.handler.bindTable(stateful.data.table);
      environment.HUIFANG_SMS_AWS_CONFIGURATION_SET = events.configurationSetName;
      // It reads the same environment to build the same stores; it sends nothing.
      environmentOnly.push(events.handler);
    }
    for (const fn of [this.apiFunction, this.sweeperFunction]) {
      for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
      grantSmsSending(fn, settings.smsGateway);
    }
    for (const fn of environmentOnly) for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    // The same environment (the composition root parses it whole), but no SMS rights: it sends nothing.
    for (const [name, value] of Object.entries(environment)) this.reconcileFunction.addEnvironment(name, value);

    new Schedule(this, 'SweepEveryMinute', {
      description: 'Runs the huifang sweeper once a minute',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      // A missed sweep is not retried: the next one starts within a minute and picks up the same work.
      target: new LambdaInvoke(this.sweeperFunction, { retryAttempts: 0, maxEventAge: Duration.minutes(1) }),
    });

    new Schedule(this, 'ReconcileDaily', {
      description: "Checks yesterday's score counters against the responses, report only",
      schedule: ScheduleExpression.cron({ minute: '0', hour: '3', timeZone: TimeZone.ASIA_SHANGHAI }),
      target: new LambdaInvoke(this.reconcileFunction, { input: ScheduleTargetInput.fromObject({ repair: false }), retryAttempts: 2 }),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'PublicBaseUrl', { value: publicBaseUrl });
  }
}
