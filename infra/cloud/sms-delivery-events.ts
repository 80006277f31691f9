/**
 * Delivery receipts of AWS End User Messaging SMS: a configuration set whose event destination
 * publishes the final SMS events to an SNS topic, and a small function subscribed to it that records
 * them on the invitations (`functions/handlers/sms-events.ts`). AWS has no HTTP push to sign or key.
 */
import { fileURLToPath } from 'node:url';
import { ArnFormat, Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnConfigurationSet } from 'aws-cdk-lib/aws-smsvoice';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { HuifangFunction } from './huifang-function';

/**
 * The events that end a message's story (queued, pending and "accepted by the carrier" are not:
 * the function would skip them). `TEXT_SENT` is not allowed in an event destination.
 */
export const finalSmsEventTypes = [
  'TEXT_DELIVERED',
  'TEXT_BLOCKED',
  'TEXT_TTL_EXPIRED',
  'TEXT_CARRIER_UNREACHABLE',
  'TEXT_INVALID',
  'TEXT_INVALID_MESSAGE',
  'TEXT_CARRIER_BLOCKED',
  'TEXT_UNREACHABLE',
  'TEXT_SPAM',
  'TEXT_UNKNOWN',
  'TEXT_PROTECT_BLOCKED',
];

export interface SmsDeliveryEventsProps {
  stage: string;
  /** An existing configuration set: it is not created, and its SNS event destination is the operator's to add (the topic ARN is an output). */
  configurationSet?: string | undefined;
}

/**
 * @example
 * const events = new SmsDeliveryEvents(this, 'SmsDeliveryEvents', { stage: 'prod' });
 * events.handler.bindTable(table); // and HUIFANG_SMS_AWS_CONFIGURATION_SET = events.configurationSetName
 */
export class SmsDeliveryEvents extends Construct {
  readonly topic: Topic;
  readonly handler: HuifangFunction;
  /** The set the sweeper sends with (`ConfigurationSetName`), which reports to the topic. */
  readonly configurationSetName: string;

  constructor(scope: Construct, id: string, props: SmsDeliveryEventsProps) {
    super(scope, id);
    const name = props.configurationSet ?? `huifang-${props.stage}`;
    this.topic = new Topic(this, 'Topic', { displayName: `huifang ${props.stage} SMS delivery events` });
    // Only End User Messaging, only for this account's configuration set, may publish (the documented access policy).
    const configurationSetArn = Stack.of(this).formatArn({ service: 'sms-voice', resource: 'configuration-set', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const published = this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': configurationSetArn } },
      }),
    );

    this.handler = new HuifangFunction(this, 'Handler', {
      entry: fileURLToPath(new URL('../../functions/handlers/sms-events.ts', import.meta.url)),
      description: 'huifang SMS delivery events (End User Messaging via SNS) -> invitation delivery',
      timeout: Duration.seconds(30),
      memorySize: 256,
    });
    this.topic.addSubscription(new LambdaSubscription(this.handler));

    if (props.configurationSet) {
      this.configurationSetName = props.configurationSet;
    } else {
      const set = new CfnConfigurationSet(this, 'ConfigurationSet', {
        configurationSetName: name,
        eventDestinations: [{ eventDestinationName: 'huifang-receipts', enabled: true, matchingEventTypes: finalSmsEventTypes, snsDestination: { topicArn: this.topic.topicArn } }],
      });
      // The topic policy first, so the service may publish from the first event on.
      if (published.policyDependable) set.node.addDependency(published.policyDependable);
      this.configurationSetName = set.ref;
    }
    new CfnOutput(scope, 'SmsDeliveryEventsTopicArn', { value: this.topic.topicArn, description: `SNS event destination of configuration set ${name} (final TEXT_* events)` });
  }
}
