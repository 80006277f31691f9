import { z } from 'zod';
import { validationError, type Problem } from '../errors';
import type { Settings } from '../settings';

/**
 * A ledger category the office offers (a setting): its name, and optionally how many working days
 * its callback gets when that differs from the office-wide `callbackDueWorkingDays`.
 */
export const categorySettingSchema = z.object({
  /** As written on an issue; at most 40 characters, like the `category` of `POST /api/v1/issues`. */
  name: z.string().trim().min(1).max(40),
  callbackDueWorkingDays: z.number().int().min(1).max(30).optional(),
});
export type CategorySetting = z.infer<typeof categorySettingSchema>;

/** The categories of the settings: at least one, each name once. */
export const categorySettingsSchema = z
  .array(categorySettingSchema)
  .min(1)
  .max(200)
  .superRefine((categories, ctx) => {
    const seen = new Set<string>();
    categories.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate category ${c.name}` });
      seen.add(c.name);
    });
  });

/**
 * The default categories, taken from what enterprises actually asked the help-enterprise teams for;
 * every one gets the office-wide callback deadline until the office says otherwise.
 */
export const defaultCategories: readonly CategorySetting[] = [
  '水电费补贴',
  '房租补贴',
  '金融支持',
  '用工短缺',
  '防疫物资',
  '核酸检测',
  '政策咨询',
  '审批手续',
  '其他',
].map((name) => ({ name }));

/** A category as staff see it: its name and the working days its callback is due in. */
export interface Category {
  name: string;
  callbackDueWorkingDays: number;
}

/** The office's categories with every deadline filled in, in the office's order. */
export function categoriesOf(settings: Settings): Category[] {
  return settings.categories.map((c) => ({ name: c.name, callbackDueWorkingDays: c.callbackDueWorkingDays ?? settings.callbackDueWorkingDays }));
}

/**
 * The working days a callback for `category` is due in: the category's own N, else the office-wide
 * default. An issue recorded under a category the office has since removed keeps the default, so
 * closing it never fails over a settings change.
 *
 * @example callbackDueWorkingDaysFor(settings, '金融支持') // 3 unless 金融支持 says otherwise
 */
export function callbackDueWorkingDaysFor(settings: Settings, category: string): number {
  return settings.categories.find((c) => c.name === category)?.callbackDueWorkingDays ?? settings.callbackDueWorkingDays;
}

/**
 * Refuses a category the office does not offer: `validation.failed` at path `category`, the
 * allowed names in the message and in the problem's `allowed`.
 */
export function assertKnownCategory(settings: Settings, category: string): void {
  if (settings.categories.some((c) => c.name === category)) return;
  const allowed = settings.categories.map((c) => c.name);
  const problem: Problem & { allowed: string[] } = {
    code: 'category.unknown',
    path: 'category',
    message: `unknown category ${category}; one of ${allowed.join(', ')}`,
    allowed,
  };
  throw validationError([problem]);
}
