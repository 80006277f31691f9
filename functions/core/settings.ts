import { z } from 'zod';
import { categorySettingsSchema, defaultCategories } from './ledger/categories';
import { calendarOverridesSchema } from './scheduling/calendar-override';
import { compositeWeightsSchema, defaultCompositeWeights } from './scoring/composite';

/** The named service function groups (服务功能组) that central dispatch can hand an issue to. */
export const defaultFunctionGroups = [
  { id: 'finance', name: '金融服务组' },
  { id: 'labour', name: '人社用工组' },
  { id: 'approval', name: '审批服务组' },
  { id: 'policy', name: '政策服务组' },
  { id: 'factors', name: '要素保障组' },
];

/** Rules the office can tune. Parsed once by the composition root; every field has a default. */
export const settingsSchema = z.object({
  functionGroups: z
    .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), name: z.string().min(1).max(40) }))
    .min(1)
    .default(defaultFunctionGroups),
  /** A callback is due by the end of this working day after closure. */
  callbackDueWorkingDays: z.number().int().min(1).max(30).default(3),
  /** The ledger's categories; one may give its callback another number of working days. */
  categories: categorySettingsSchema.default(() => defaultCategories.map((c) => ({ ...c }))),
  /** State Council notices loaded by the office, laid over the shipped calendar (see scheduling/calendar-override.ts). */
  calendarOverrides: calendarOverridesSchema.default([]),
  /** Calls that may go unanswered before a callback is recorded as unreachable. */
  callbackAttempts: z.number().int().min(1).max(10).default(3),
  /** An overdue task goes to the zone dispatcher at once, and to the office this many working days later. */
  overdueToOfficeWorkingDays: z.number().int().min(1).max(30).default(2),
  /** A rectification opened by a low score is due by the end of this working day. */
  rectificationDueWorkingDays: z.number().int().min(1).max(60).default(5),
  /** The survey SMS goes out this long after closure. */
  surveyDelayMinutes: z.number().int().min(0).max(7 * 24 * 60).default(120),
  /** Survey SMS go out only between these Shanghai wall-clock times (end exclusive), on working days (see scheduling/send-window.ts). */
  sendWindow: z
    .object({ start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/) })
    .refine((w) => w.start < w.end, { message: 'the window must start before it ends' })
    .default({ start: '09:00', end: '20:00' }),
  /**
   * The per-enterprise frequency cap: at most one survey SMS per this many days. Closures inside
   * the window are merged into one SMS whose page lists each issue (see invitations/survey-bundle.ts);
   * 0 turns the cap off (one SMS per closure).
   */
  frequencyCapDays: z.number().int().min(0).max(90).default(7),
  /** One reminder goes to a non-responder this long after the first SMS (then moved into the send window). */
  reminderAfterHours: z.number().int().min(1).max(30 * 24).default(48),
  /** Sends tried before an invitation is `failed` with the provider's reason. */
  maxSendAttempts: z.number().int().min(1).max(10).default(4),
  /** The wait before the 2nd, 3rd, ... attempt after a gateway error; the last value repeats. */
  sendRetryBackoffMinutes: z.array(z.number().int().min(1).max(24 * 60)).min(1).default([1, 5, 15]),
  /** A link that is not answered within this many days after sending expires. */
  invitationTtlDays: z.number().int().min(1).max(90).default(7),
  /** The SMS signature, shown as 【signature】 (the provider registers it). */
  smsSignature: z.string().min(2).max(12).default('长春新区'),
  /** Base of the survey link, without a trailing slash. */
  publicBaseUrl: z.string().url().default('http://localhost:3000'),
  /** How long a sweeper holds a claimed invitation before another may retry it. */
  sendLeaseSeconds: z.number().int().min(10).max(3600).default(120),
  /** A group with fewer answers is 样本不足 and is never ranked. */
  minResponses: z.number().int().min(1).default(5),
  /** Weight of the prior in the Bayesian (shrunk) mean. */
  priorWeight: z.number().min(0).default(10),
  /** Weights of the composite index that ranks teams and zones (see scoring/composite.ts). */
  compositeWeights: compositeWeightsSchema.default(defaultCompositeWeights),
  /** Unknown-token lookups allowed per address in a window. */
  unknownTokenLimit: z.number().int().min(1).default(20),
  unknownTokenWindowMinutes: z.number().int().min(1).default(10),
  /**
   * What the survey SMS carries: `token`, a link of its own per invitation; `code`, for providers
   * that forbid variable links, the fixed page `{publicBaseUrl}/c` and a short code that is entered
   * there with the last 4 digits of the contact phone (see invitations/survey-code.ts).
   */
  surveyLinkMode: z.enum(['token', 'code']).default('token'),
  /** Wrong phone digits a code takes, from any number of addresses, before it is locked for good. */
  codeAttemptLimit: z.number().int().min(1).max(10).default(5),
  /** Failed code entries (wrong or malformed code, wrong digits) allowed per address in a window; then every entry from it answers 429. */
  codeEntryLimit: z.number().int().min(1).default(20),
  codeEntryWindowMinutes: z.number().int().min(1).default(10),
});
export type Settings = z.infer<typeof settingsSchema>;

/** The defaults, as the office gets them before changing anything. */
export const defaultSettings: Settings = settingsSchema.parse({});
