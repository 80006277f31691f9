import type { SNSEvent } from 'aws-lambda';
import { recordSmsEvents } from '../jobs/sms-events';
import { cloudCoreDeps, readCloudEnv } from '../composition/cloud';

const deps = cloudCoreDeps(readCloudEnv());

/** SNS (the configuration set's event destination) -> delivery receipts; the report goes to the logs. */
export async function handler(event: SNSEvent) {
  const report = await recordSmsEvents(deps.invitations, event);
  console.log(JSON.stringify({ level: 'info', message: 'sms events', ...report }));
  return report;
}
