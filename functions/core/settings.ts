import { z } from 'zod';

/** Rules the office can tune. Parsed once by the composition root; every field has a default. */
export const settingsSchema = z.object({
  /** A callback is due by the end of this working day after closure. */
  callbackDueWorkingDays: z.number().int().min(1).max(30).default(3),
  /** A rectification opened by a low score is due by the end of this working day. */
  rectificationDueWorkingDays: z.number().int().min(1).max(60).default(5),
  /** The survey SMS goes out this long after closure. */
  surveyDelayMinutes: z.number().int().min(0).max(7 * 24 * 60).default(120),
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
  /** Unknown-token lookups allowed per address in a window. */
  unknownTokenLimit: z.number().int().min(1).default(20),
  unknownTokenWindowMinutes: z.number().int().min(1).default(10),
});
export type Settings = z.infer<typeof settingsSchema>;

/** The defaults, as the office gets them before changing anything. */
export const defaultSettings: Settings = settingsSchema.parse({});
