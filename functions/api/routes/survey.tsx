import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError, type Problem } from '../../core/errors';
import { resolveSurveyLink } from '../../core/invitations/survey-link';
import { recordAnswer } from '../../core/responses/record-answer';
import type { RawAnswers } from '../../core/surveys/answers';
import type { Lang } from '../../../web/layout';
import { SurveyForm, SurveyMessage, type SurveyState } from '../../../web/survey-page';
import type { ApiDeps } from '../env';
import { errorBody, setRetryAfter, statusOf } from '../error-mapper';
import { jsonBody } from '../validation';

const jsonAnswersSchema = z.object({ answers: z.record(z.string(), z.unknown()) });

const pageStateOf: Partial<Record<DomainError['code'], SurveyState>> = {
  'invitation.not_found': 'unknown',
  'invitation.expired': 'expired',
  'invitation.already_answered': 'answered',
  'rate.limited': 'limited',
};

const langOf = (c: Context): Lang => (c.req.query('lang') === 'en' ? 'en' : 'zh');
const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');

/** The enterprise's survey pages, `/s/{token}`: no login; GET and HEAD only ever read. */
export function surveyRoutes(deps: ApiDeps) {
  const core = deps.core;
  const app = new Hono();

  // Chat apps and link scanners fetch links to preview them: nothing here may record or use anything up.
  app.get('/:token', async (c) => {
    const lang = langOf(c);
    const link = await resolveSurveyLink(core, c.req.param('token'), deps.clientAddress(c));
    if (link.answered) return c.html(<SurveyMessage state={c.req.query('thanks') ? 'thanks' : 'answered'} lang={lang} />);
    return c.html(<SurveyForm survey={link.survey} lang={lang} action={`/s/${c.req.param('token')}`} />);
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const isJson = (c.req.header('content-type') ?? '').includes('application/json');
    const raw: RawAnswers = isJson ? (await jsonBody(c, jsonAnswersSchema)).answers : formAnswers(await c.req.parseBody({ all: true }));
    const response = await recordAnswer(core, token, raw, deps.clientAddress(c));
    if (wantsJson(c)) return c.json({ status: 'recorded', answeredAt: response.answeredAt, score: response.score }, 201);
    // Post/Redirect/Get: a reload shows the thank-you page instead of sending the form again.
    return c.redirect(`/s/${token}?thanks=1${langOf(c) === 'en' ? '&lang=en' : ''}`, 303);
  });

  app.onError(async (error, c) => {
    if (!(error instanceof DomainError)) throw error;
    setRetryAfter(error, c);
    if (wantsJson(c) && c.req.method === 'POST') return c.json(errorBody(error), statusOf[error.code]);
    const lang = langOf(c);
    const status = statusOf[error.code];
    if (error.code === 'validation.failed') return rerender(c, lang, error.details as Problem[]);
    const state = pageStateOf[error.code];
    if (!state) throw error;
    return c.html(<SurveyMessage state={state} lang={lang} />, status);
  });

  async function rerender(c: Context, lang: Lang, problems: Problem[]) {
    const token = c.req.param('token') ?? '';
    const link = await resolveSurveyLink(core, token, deps.clientAddress(c));
    const values = c.req.header('content-type')?.includes('application/json') ? {} : formAnswers(await c.req.parseBody({ all: true }));
    return c.html(<SurveyForm survey={link.survey} lang={lang} action={`/s/${token}`} values={values} problems={problems} />, 400);
  }

  return app;
}

/** A form post as raw answers: text fields as strings, a repeated field as a list, files dropped. */
function formAnswers(body: Record<string, string | File | Array<string | File>>): RawAnswers {
  const answers: RawAnswers = {};
  for (const [name, value] of Object.entries(body)) {
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    answers[name.replace(/\[\]$/, '')] = list.length === 1 && !Array.isArray(value) ? list[0] : list;
  }
  return answers;
}
