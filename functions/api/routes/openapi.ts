import { z } from 'zod';
import { appealDecisionSchema, appealStatuses, fileAppealSchema } from '../../core/appeals/appeal';
import { bounceIssueSchema, closeIssueSchema, escalateIssueSchema, newIssueSchema, reopenIssueSchema, startIssueSchema } from '../../core/ledger/issue';
import { ledgerClosedEventSchema } from '../../core/ledger/close-from-ledger';
import { importBodySchema } from './issue-import';
import { completeTaskSchema } from '../../core/tasks/callback-task';
import { invitationListings } from '../../core/invitations/invitation';
import { markOptOutSchema } from '../../core/org/opt-out';

const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: {} },
};

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const errors = { '400': { description: 'invalid input', ...json(errorSchema) }, '401': { description: 'not signed in', ...json(errorSchema) } };
const listParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
/** The query of the scores and of their CSV and XLSX exports. */
const scoreParams = [
  { name: 'by', in: 'query', required: true, schema: { enum: ['team', 'zone', 'category', 'functionGroup', 'zoneCategory'] } },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
];
/** The query of the drill-down and of its CSV export. */
const drilldownParams = [
  { name: 'teamId', in: 'query', schema: { type: 'string' } },
  { name: 'zoneId', in: 'query', schema: { type: 'string' } },
  { name: 'category', in: 'query', schema: { type: 'string' } },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'rating', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5 } },
];
const invitationIdParam = { name: 'invitationId', in: 'path', required: true, schema: { type: 'string' } };

let cached: unknown;

/** The OpenAPI 3 document of the staff API, request bodies generated from the zod schemas. */
export function openApiDocument() {
  cached ??= {
    openapi: '3.1.0',
    info: { title: 'huifang staff API', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/zones': { get: { summary: 'Zones in scope', parameters: listParams, responses: { '200': { description: 'zones' }, ...errors } } },
      '/api/v1/teams': { get: { summary: 'Teams in scope', parameters: listParams, responses: { '200': { description: 'teams' }, ...errors } } },
      '/api/v1/enterprises': { get: { summary: 'Enterprises in scope', parameters: listParams, responses: { '200': { description: 'enterprises' }, ...errors } } },
      '/api/v1/issues': {
        get: { summary: 'Issues in scope', parameters: listParams, responses: { '200': { description: 'issues' }, ...errors } },
        post: { summary: 'Record an issue', requestBody: json(z.toJSONSchema(newIssueSchema)), responses: { '201': { description: 'created' }, ...errors } },
      },
      '/api/v1/issues/{id}': { get: { summary: 'One issue with its ledger events', parameters: [idParam], responses: { '200': { description: 'issue' }, ...errors } } },
      ...Object.fromEntries(
        (
          [
            ['start', 'Start work on an open issue at the team', startIssueSchema],
            ['escalate', 'Escalate one level: team -> zone -> central -> a function group (functionGroupId)', escalateIssueSchema],
            ['bounce', 'Send back one level (退单) with a reason', bounceIssueSchema],
            ['reopen', 'Reopen a closed issue; withdraws a survey not yet sent', reopenIssueSchema],
          ] as const
        ).map(([action, summary, schema]) => [
          `/api/v1/issues/{id}/${action}`,
          { post: { summary, parameters: [idParam], requestBody: json(z.toJSONSchema(schema)), responses: { '200': { description: 'the issue' }, ...errors } } },
        ]),
      ),
      '/api/v1/callback-tasks/{id}': { get: { summary: 'One task', parameters: [idParam], responses: { '200': { description: 'task' }, ...errors } } },
      '/api/v1/issues/{id}/close': {
        post: {
          summary: 'Close an issue (idempotent): callback task and survey invitation in one transaction',
          parameters: [idParam],
          requestBody: json(z.toJSONSchema(closeIssueSchema)),
          responses: { '200': { description: 'the closure' }, ...errors },
        },
      },
      '/api/v1/issues/import': {
        post: {
          summary: 'Import issues from CSV or JSON: each row recorded like POST /api/v1/issues, all or nothing per row',
          description:
            'CSV: UTF-8 (a BOM is fine), a header row with enterpriseId/企业编号, teamId/助企队, category/类别, title/标题, and optionally description/描述 and externalId/外部编号. ' +
            'At most 1000 rows. A row with an externalId already imported (from the same source) is answered as duplicate and not written again. ' +
            'Answers 200 with {imported, duplicates, failed, rows:[{row, status: created|duplicate|error, issueId?, errors?:[{code, path, message}]}]}; 400 only when the body as a whole cannot be read.',
          parameters: [{ name: 'source', in: 'query', description: 'the outside ledger the externalIds belong to (default ledger)', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,31}$' } }],
          requestBody: {
            content: {
              'application/json': { schema: z.toJSONSchema(importBodySchema) },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          responses: { '200': { description: 'a result per row' }, ...errors },
        },
      },
      '/api/v1/events/issue-closed': {
        post: {
          summary: 'An outside ledger closed an issue: the same closing transaction as POST /api/v1/issues/{id}/close (idempotent)',
          description:
            'Signed with the shared webhook secret instead of a staff token: X-Huifang-Signature is sha256=<hex of HMAC-SHA256(secret, X-Huifang-Timestamp + "." + raw body)>. ' +
            'A bad signature is 401 webhook.bad_signature; a timestamp more than 5 minutes from now is 401 webhook.stale; a deployment without a secret answers 503 webhook.not_configured.',
          security: [],
          parameters: [
            { name: 'X-Huifang-Timestamp', in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9]+$' }, description: 'unix seconds when signed' },
            { name: 'X-Huifang-Signature', in: 'header', required: true, schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' } },
          ],
          requestBody: json(z.toJSONSchema(ledgerClosedEventSchema)),
          responses: { '200': { description: 'the closure' }, ...errors, '404': { description: 'no such issue', ...json(errorSchema) } },
        },
      },
      '/api/v1/sms/receipts/{provider}': {
        post: {
          summary: "An SMS provider's delivery receipts: each invitation's delivery -> delivered or undelivered (late or repeated receipts change nothing)",
          description:
            'Signed like the issue-closed webhook, with the receipt secret (HUIFANG_SMS_RECEIPT_SECRET). The body is the provider\'s own receipt: ' +
            'aliyun SmsReport array (out_id = invitation id, or biz_id), tencent status array (ext = SessionContext = invitation id, or sid), aws End User Messaging SMS events (context.invitationId, or messageId), ' +
            'webhook {invitationId, providerMessageId?, status: delivered|undelivered, at, providerCode?} (one or an array). Answers the counts recorded/stale/unknown/skipped.',
          security: [],
          parameters: [
            { name: 'provider', in: 'path', required: true, schema: { enum: ['aws', 'aliyun', 'tencent', 'webhook'] } },
            { name: 'X-Huifang-Timestamp', in: 'header', required: true, schema: { type: 'string', pattern: '^[0-9]+$' }, description: 'unix seconds when signed' },
            { name: 'X-Huifang-Signature', in: 'header', required: true, schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' } },
          ],
          responses: { '200': { description: 'counts of receipts recorded, stale, unknown and skipped' }, ...errors, '404': { description: 'no such provider', ...json(errorSchema) } },
        },
      },
      '/api/v1/sms/receipts/{provider}/{key}': {
        post: {
          summary: "Aliyun's or Tencent's own delivery-receipt push (they cannot sign): each invitation's delivery -> delivered or undelivered",
          description:
            'Set as the receipt push URL in the provider console. {key} is the provider\'s path key: the first 32 hex digits of HMAC-SHA256(receipt secret, "huifang-sms-receipts/" + provider), ' +
            'compared in constant time; a wrong key or another provider is 404 not_found with nothing recorded; a deployment without a receipt secret answers 503 webhook.not_configured. ' +
            'Bodies as the providers document them: aliyun SmsReport [{phone_number, send_time, report_time, success, err_code, err_msg, sms_size, biz_id, out_id}], ' +
            'tencent [{user_receive_time, nationcode, mobile, report_status: SUCCESS|FAIL, errmsg, description, sid, ext?}]. A report is matched by out_id / ext (the invitation id sent) ' +
            'or else by biz_id / sid (the message id huifang kept when sending). Answers what the provider expects ({"code":0,"msg":"接收成功"} / {"result":0,"errmsg":"OK"}) with the counts recorded/stale/unknown/skipped.',
          security: [],
          parameters: [
            { name: 'provider', in: 'path', required: true, schema: { enum: ['aliyun', 'tencent'] } },
            { name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } },
          responses: {
            '200': { description: 'the provider\'s acknowledgement and counts of receipts recorded, stale, unknown and skipped' },
            ...errors,
            '404': { description: 'no such provider, or a wrong key', ...json(errorSchema) },
          },
        },
      },
      '/api/v1/callback-tasks': {
        get: {
          summary: 'Callback and rectification tasks in scope (overdue=true: open and past due)',
          parameters: [
            ...listParams,
            { name: 'kind', in: 'query', schema: { enum: ['callback', 'rectification'] } },
            { name: 'status', in: 'query', schema: { enum: ['open', 'done', 'cancelled'] } },
            { name: 'overdue', in: 'query', schema: { enum: ['true', 'false'] } },
          ],
          responses: { '200': { description: 'tasks' }, ...errors },
        },
      },
      '/api/v1/callback-tasks/{id}/complete': {
        post: {
          summary: 'Record the outcome of a task',
          parameters: [idParam],
          requestBody: json(z.toJSONSchema(completeTaskSchema)),
          responses: { '200': { description: 'the task' }, ...errors },
        },
      },
      '/api/v1/categories': {
        get: { summary: 'Ledger categories and the working days each callback is due in', responses: { '200': { description: 'categories' }, ...errors } },
      },
      '/api/v1/calendar': {
        get: {
          summary: "Whether the working-day calendar knows a year's holidays (a zh-CN warning when it counts Monday-Friday)",
          parameters: [{ name: 'year', in: 'query', schema: { type: 'integer', minimum: 2000, maximum: 2100 } }],
          responses: { '200': { description: '{year, official, source, warning?}' }, ...errors },
        },
      },
      '/api/v1/responses/{invitationId}': {
        get: { summary: 'One recorded answer; an answer removed by an approved appeal is kept, with excludedAt and appealId', parameters: [invitationIdParam], responses: { '200': { description: 'the response' }, ...errors } },
      },
      '/api/v1/responses/{invitationId}/appeals': {
        post: {
          summary: 'Appeal the rating of one of your team’s responses (one open appeal per response)',
          parameters: [invitationIdParam],
          requestBody: json(z.toJSONSchema(fileAppealSchema)),
          responses: { '201': { description: 'the pending appeal' }, ...errors },
        },
      },
      '/api/v1/appeals': {
        get: {
          summary: 'Appeals in scope, pending first',
          parameters: [...listParams, { name: 'status', in: 'query', schema: { enum: [...appealStatuses] } }],
          responses: { '200': { description: 'appeals' }, ...errors },
        },
      },
      '/api/v1/appeals/{id}': { get: { summary: 'One appeal', parameters: [idParam], responses: { '200': { description: 'the appeal' }, ...errors } } },
      '/api/v1/appeals/{id}/decision': {
        post: {
          summary: 'The office approves (the rating leaves every score, in one transaction) or rejects an appeal, once',
          parameters: [idParam],
          requestBody: json(z.toJSONSchema(appealDecisionSchema)),
          responses: { '200': { description: 'the decided appeal' }, ...errors },
        },
      },
      '/api/v1/enterprises/{id}/opt-out': {
        post: {
          summary: 'The office or the zone dispatcher marks an enterprise opted out of SMS: it is never messaged again (its due invitations become suppressed)',
          parameters: [idParam],
          requestBody: json(z.toJSONSchema(markOptOutSchema, { io: 'input' })),
          responses: { '200': { description: 'the enterprise with optedOutAt and optOutReason' }, ...errors },
        },
      },
      '/api/v1/invitations': {
        get: {
          summary:
            'Survey invitations to act on, newest first: failed (with failureReason), suppressed (opted out, with suppressedReason), expired, or undelivered ' +
            '(sent, and the last delivery receipt says undelivered: delivery.providerCode; it leaves the list when answered, expired or later delivered)',
          parameters: [...listParams, { name: 'status', in: 'query', schema: { enum: [...invitationListings], default: 'failed' } }],
          responses: { '200': { description: 'invitations' }, ...errors },
        },
      },
      '/api/v1/reports/scores': {
        get: {
          summary: 'Satisfaction scores per team, zone or category',
          description:
            'Read from counters only. Per group: n, counts, mean, csat, goodRate, wilsonLower/Upper, adjustedMean, rank (by adjustedMean), responseRate, sufficient, ' +
            'callback, recovery; callbackOnTimeRate, rectificationOnTimeRate, rehandleRate (reopened/closed), appeals {filed, approved}, work (raw counts), ' +
            'adjustedCsat, composite (0-100, settings.compositeWeights renormalised over the parts with data) and compositeRank (sufficient groups only). ' +
            'category and functionGroup are for the office; zoneCategory (ids zoneId|category) for the office and zone dispatchers.',
          parameters: [
            { name: 'by', in: 'query', required: true, schema: { enum: ['team', 'zone', 'category', 'functionGroup', 'zoneCategory'] } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'rankBy', in: 'query', schema: { enum: ['adjustedMean', 'composite'], default: 'adjustedMean' } },
          ],
          responses: { '200': { description: 'scores' }, ...errors },
        },
      },
      ...Object.fromEntries(
        (
          [
            ['csv', 'text/csv', 'UTF-8 with a BOM, CRLF, RFC 4180; rates as percent points (headers say (%)); text that could run as a formula starts with an apostrophe'],
            ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'one sheet 满意度排名: a title row, a bold frozen header row, rates as fractions shown as percents'],
          ] as const
        ).map(([ext, type, description]) => [
          `/api/v1/reports/scores.${ext}`,
          {
            get: {
              summary: `The scores of GET /api/v1/reports/scores as ${ext.toUpperCase()} with Chinese headers (Content-Disposition: attachment)`,
              description,
              parameters: scoreParams,
              responses: { '200': { description: 'the file', content: { [type]: { schema: { type: 'string', format: 'binary' } } } }, ...errors },
            },
          },
        ]),
      ),
      '/api/v1/reports/responses.csv': {
        get: {
          summary: 'Every answer of a drill-down query (all pages, newest first) as CSV: UTF-8 with a BOM, Chinese headers, Shanghai times, comments formula-safe',
          description: 'The same query as GET /api/v1/reports/responses (limit and cursor ignored). More than 10000 answers is 400 with range.too_many_answers.',
          parameters: [
            ...drilldownParams,
          ],
          responses: { '200': { description: 'the file', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
        },
      },
      '/api/v1/reports/responses': {
        get: {
          summary: 'The drill-down: answers with comments of one team, zone or category (office only) answered within the Shanghai dates from..to, newest first; excluded answers listed with excluded: true',
          description:
            'At most one of teamId, zoneId, category (none: your whole scope). A team member sees their own team, a dispatcher their zone and its teams. ' +
            'Items {invitationId, issueId, enterpriseId, teamId, zoneId, category, surveyId, surveyVersion, channel, score, resolved, reasons, comment, answeredAt, excluded, underAppeal, appealId}. ' +
            'A filtered page may hold fewer than limit items; follow nextCursor until it is null. 400 codes: date.invalid, range.reversed, range.too_long, filter.several_groups, rating.invalid, limit.invalid, cursor.invalid.',
          parameters: [
            ...listParams,
            ...drilldownParams,
          ],
          responses: {
            '200': { description: '{items, nextCursor}' },
            ...errors,
            '403': { description: 'the group is outside your scope', ...json(errorSchema) },
            '404': { description: 'no such team or zone', ...json(errorSchema) },
          },
        },
      },
      '/api/v1/reports/trend': {
        get: {
          summary: 'Satisfaction over time per team, zone or category: {series:[{id, name, points:[{period, from, to, n, csat, mean}]}]}',
          description:
            'SMS survey answers only, read from the counters. month: YYYY-MM; week: ISO weeks YYYY-Www (Monday to Sunday, Shanghai dates); the first and last period are cut to the range (from/to of each point). ' +
            'A period without answers has n 0 and null csat/mean. At most 36 months or 53 weeks (400 validation.failed, problem code report.range_too_long). Category series are for the office.',
          parameters: [
            { name: 'by', in: 'query', required: true, schema: { enum: ['team', 'zone', 'category'] } },
            { name: 'granularity', in: 'query', schema: { enum: ['month', 'week'], default: 'month' } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'ids', in: 'query', description: 'only these groups, comma-separated', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'series' }, ...errors },
        },
      },
    },
  };
  return cached;
}
