import { describe, expect, it } from 'vitest';
import { defaultSurveyCatalog } from '../../../functions/adapters/surveys/catalog';
import { followUpQuestions } from '../../../functions/core/surveys/follow-up';

const survey = defaultSurveyCatalog().current('callback-satisfaction')!;
const ids = (answers: Parameters<typeof followUpQuestions>[1]) => followUpQuestions(survey, answers).map((q) => q.id);

describe('follow-up questions (the second step of a page without JavaScript)', () => {
  it('asks for the reasons after a rating of 1 or 2 that came without them', () => {
    expect(ids({ overall: 2 })).toEqual(['reasons']);
    expect(ids({ overall: 1, resolved: 'no', comment: '太慢' })).toEqual(['reasons']);
  });

  it('asks nothing more for a rating of 3 to 5', () => {
    for (const overall of [3, 4, 5]) expect(ids({ overall })).toEqual([]);
  });

  it('asks nothing more once the reasons are given', () => {
    expect(ids({ overall: 1, reasons: ['attitude'] })).toEqual([]);
  });

  it('never asks again for a question that is always shown, even when left blank', () => {
    expect(ids({ overall: 2, reasons: ['speed'] })).not.toContain('comment');
    expect(ids({ overall: 5 })).not.toContain('resolved');
  });
});
