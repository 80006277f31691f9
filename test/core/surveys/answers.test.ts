import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDefinition, defaultSurveyCatalog } from '../../../functions/adapters/surveys/catalog';
import { checkAnswers } from '../../../functions/core/surveys/answers';

const survey = defaultSurveyCatalog().current('callback-satisfaction')!;
const SURVEYS = resolve(import.meta.dirname, '../../../surveys');

describe('survey definitions', () => {
  it.each(readdirSync(SURVEYS).filter((f) => f.endsWith('.json') && f !== 'survey.schema.json'))('%s is valid', (file) => {
    expect(checkDefinition(JSON.parse(readFileSync(join(SURVEYS, file), 'utf8')))).toEqual([]);
  });

  it('reports a broken definition as a list of problems instead of throwing', () => {
    const problems = checkDefinition({ id: 'x', version: 0, title: { zh: 'x' }, scoreQuestion: 'a', questions: [] });
    expect(problems.length).toBeGreaterThan(1);
    expect(problems.every((p) => p.code && p.path && p.message)).toBe(true);
  });
});

describe('checking answers', () => {
  it('accepts the five levels from a form (strings) or JSON (numbers)', () => {
    expect(checkAnswers(survey, { overall: '5' })).toMatchObject({ ok: true, score: 5 });
    expect(checkAnswers(survey, { overall: 1, reasons: ['attitude', 'speed'], resolved: 'no' })).toMatchObject({
      ok: true,
      answers: { overall: 1, reasons: ['attitude', 'speed'], resolved: 'no' },
    });
  });

  it('requires the rating and names every problem', () => {
    const r = checkAnswers(survey, { resolved: 'maybe', comment: 'x'.repeat(501), extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path).sort()).toEqual(['comment', 'extra', 'overall', 'resolved']);
  });

  it('ignores reasons sent with a good rating (the question is not shown)', () => {
    expect(checkAnswers(survey, { overall: 5, reasons: 'speed' })).toMatchObject({ ok: true, answers: { overall: 5 } });
  });

  it('takes a single repeated-field value as a list, and refuses an unknown reason', () => {
    expect(checkAnswers(survey, { overall: 2, reasons: 'policy' })).toMatchObject({ ok: true, answers: { reasons: ['policy'] } });
    expect(checkAnswers(survey, { overall: 2, reasons: ['weather'] }).ok).toBe(false);
  });

  it('counts the comment limit in characters, not bytes', () => {
    expect(checkAnswers(survey, { overall: 4, comment: '好'.repeat(500) }).ok).toBe(true);
    expect(checkAnswers(survey, { overall: 4, comment: '好'.repeat(501) }).ok).toBe(false);
  });
});
