import type { Problem } from '../errors';
import type { Question, SurveyDefinition } from './definition';

/** A validated answer value: a rating, one option, several options, or text. */
export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/** Raw input as it arrives from a form post (strings, repeated fields) or from JSON. */
export type RawAnswers = Record<string, unknown>;

export type AnswerCheck = { ok: true; answers: Answers; score: number } | { ok: false; problems: Problem[] };

/** True when the question is shown for the answers given so far (its `showIf` holds). */
export function isShown(question: Question, answers: Answers): boolean {
  if (!question.showIf) return true;
  const given = answers[question.showIf.question];
  return given !== undefined && question.showIf.in.some((v) => String(v) === String(given));
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function checkOne(q: Question, raw: unknown): { value?: AnswerValue; problem?: Omit<Problem, 'path'> } {
  switch (q.type) {
    case 'rating': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
      if (!q.levels.some((l) => l.value === n)) {
        return { problem: { code: 'answer.invalid_level', message: `must be one of ${q.levels.map((l) => l.value).join(', ')}` } };
      }
      return { value: n };
    }
    case 'single': {
      if (typeof raw !== 'string' || !q.options.some((o) => o.value === raw)) {
        return { problem: { code: 'answer.invalid_option', message: `must be one of ${q.options.map((o) => o.value).join(', ')}` } };
      }
      return { value: raw };
    }
    case 'multi': {
      const list = asList(raw);
      const bad = list.filter((v) => typeof v !== 'string' || !q.options.some((o) => o.value === v));
      if (bad.length > 0) {
        return { problem: { code: 'answer.invalid_option', message: `each must be one of ${q.options.map((o) => o.value).join(', ')}` } };
      }
      return { value: [...new Set(list as string[])] };
    }
    case 'text': {
      if (typeof raw !== 'string') return { problem: { code: 'answer.not_text', message: 'must be text' } };
      const text = raw.trim();
      if ([...text].length > q.maxLength) {
        return { problem: { code: 'answer.too_long', message: `at most ${q.maxLength} characters` } };
      }
      return text === '' ? {} : { value: text };
    }
  }
}

/**
 * Checks raw answers against a survey definition. Returns the clean answers and the score, or the
 * list of every problem found (never throws). A question hidden by its `showIf` is ignored even
 * when sent; unknown fields are refused so that a typo never silently loses an answer.
 */
export function checkAnswers(survey: SurveyDefinition, raw: RawAnswers): AnswerCheck {
  const problems: Problem[] = [];
  const answers: Answers = {};
  const known = new Set(survey.questions.map((q) => q.id));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problems.push({ code: 'answer.unknown_question', path: key, message: 'is not a question of this survey' });
  }
  for (const q of survey.questions) {
    if (!isShown(q, answers)) continue;
    const value = raw[q.id];
    if (blank(value)) {
      if (q.required) problems.push({ code: 'answer.required', path: q.id, message: 'is required' });
      continue;
    }
    const checked = checkOne(q, value);
    if (checked.problem) problems.push({ ...checked.problem, path: q.id });
    else if (checked.value !== undefined) answers[q.id] = checked.value;
  }
  const score = answers[survey.scoreQuestion];
  if (problems.length > 0 || typeof score !== 'number') {
    if (problems.length === 0) problems.push({ code: 'answer.required', path: survey.scoreQuestion, message: 'is required' });
    return { ok: false, problems };
  }
  return { ok: true, answers, score };
}
