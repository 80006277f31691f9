import type { Context } from 'hono';
import type { RawAnswers } from '../../core/surveys/answers';
import { STEP_FIELD, type SurveyStep } from '../../../web/survey-page';
import type { SurveyView } from '../../../web/survey-view';

/** Request helpers shared by the survey pages (`/s/{token}` single and bundle, `/c`). */

/** The page's language and size, from the query. */
export const viewOf = (c: Context): SurveyView => ({ lang: c.req.query('lang') === 'en' ? 'en' : 'zh', large: c.req.query('large') === '1' });
export const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');
export const isJsonBody = (c: Context) => (c.req.header('content-type') ?? '').includes('application/json');
/** The survey page's own path, for form actions and redirects. */
export const pathOf = (c: Context) => `/s/${c.req.param('token') ?? ''}`;

/** A form post as raw answers: text fields as strings, a repeated field as a list, files dropped. */
export function formAnswers(body: Record<string, string | File | Array<string | File>>): RawAnswers {
  const answers: RawAnswers = {};
  for (const [name, value] of Object.entries(body)) {
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    answers[name.replace(/\[\]$/, '')] = list.length === 1 && !Array.isArray(value) ? list[0] : list;
  }
  return answers;
}

/** Splits the page's step marker off the answers (it is not a question, so the check would refuse it). */
export function withoutStep(raw: RawAnswers): { step: SurveyStep | undefined; answers: RawAnswers } {
  const { [STEP_FIELD]: step, ...answers } = raw;
  return { step: step === 'first' || step === 'inline' || step === 'follow-up' ? step : undefined, answers };
}
