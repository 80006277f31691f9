import { describe, expect, it } from 'vitest';
import { assertKnownCategory, callbackDueWorkingDaysFor, categoriesOf } from '../../../functions/core/ledger/categories';
import { DomainError } from '../../../functions/core/errors';
import { defaultSettings, settingsSchema } from '../../../functions/core/settings';

describe('ledger categories', () => {
  it('offers the enterprises’ usual asks by default, each due in the office-wide 3 working days', () => {
    expect(categoriesOf(defaultSettings)).toEqual(
      ['水电费补贴', '房租补贴', '金融支持', '用工短缺', '防疫物资', '核酸检测', '政策咨询', '审批手续', '其他'].map((name) => ({ name, callbackDueWorkingDays: 3 })),
    );
  });

  it('gives a category its own callback deadline and the others the office-wide one', () => {
    // Prepare
    const settings = settingsSchema.parse({ callbackDueWorkingDays: 4, categories: [{ name: '金融支持', callbackDueWorkingDays: 7 }, { name: '其他' }] });
    // Act
    const days = [callbackDueWorkingDaysFor(settings, '金融支持'), callbackDueWorkingDaysFor(settings, '其他')];
    // Assess
    expect(days).toEqual([7, 4]);
  });

  it('keeps the office-wide deadline for an issue whose category was removed since it was recorded', () => {
    expect(callbackDueWorkingDaysFor(defaultSettings, '旧分类')).toBe(3);
  });

  it('refuses an unknown category at path category, listing the allowed ones', () => {
    const settings = settingsSchema.parse({ categories: [{ name: '金融支持' }, { name: '其他' }] });

    const error = (() => {
      try {
        assertKnownCategory(settings, '随便写的');
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'validation.failed', details: [{ code: 'category.unknown', path: 'category', allowed: ['金融支持', '其他'] }] });
    expect((error as DomainError).message).toContain('金融支持, 其他');
  });

  it('refuses settings that name a category twice or none at all', () => {
    expect(settingsSchema.safeParse({ categories: [{ name: '其他' }, { name: '其他' }] }).success).toBe(false);
    expect(settingsSchema.safeParse({ categories: [] }).success).toBe(false);
  });
});
