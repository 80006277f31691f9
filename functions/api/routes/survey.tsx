import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError, type Problem } from '../../core/errors';
import { resolveSurveyLink } from '../../core/invitations/survey-link';
import { recordAnswer } from '../../core/responses/record-answer';
import { resolveBundleLink } from '../../core/invitations/bundle-link';
import { bundleSurveyPage, postBundleAnswer } from './survey-bundle';
import { checkAnswers, type RawAnswers } from '../../core/surveys/answers';
import { followUpQuestions } from '../../core/surveys/follow-up';
import { SurveyFollowUp, SurveyForm, SurveyMessage, type SurveyState } from '../../../web/survey-page';
import { surveyHref, type SurveyView } from '../../../web/survey-view';
import type { ApiDeps } from '../env';
import { errorBody, setRetryAfter, statusOf } from '../error-mapper';
import { jsonBody } from '../validation';
import { formAnswers, isJsonBody, pathOf, viewOf, wantsJson, withoutStep } from './survey-request';

const jsonAnswersSchema = z.object({ answers: z.record(z.string(), z.unknown()) });

const pageStateOf: Partial<Record<DomainError['code'], SurveyState>> = {
  'invitation.not_found': 'unknown',
  'invitation.expired': 'expired',
  'invitation.already_answered': 'answered',
  'rate.limited': 'limited',
};

/** The enterprise's survey pages, `/s/{token}`: no login; GET and HEAD only ever read. */
export function surveyRoutes(deps: ApiDeps) {
  const core = deps.core;
  const app = new Hono();

  // Answers are private and the state changes under the page: no browser or WeChat cache may keep it.
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  // Chat apps and link scanners fetch links to preview them: nothing here may record or use anything up.
  app.get('/:token', async (c) => {
    const view = viewOf(c);
    // A link that opens several issues (the frequency cap's bundle) lists them all on one page.
    const bundle = await resolveBundleLink(core, c.req.param('token'));
    if (bundle) return bundleSurveyPage(c, bundle);
    const link = await resolveSurveyLink(core, c.req.param('token'), deps.clientAddress(c));
    if (link.answered) return c.html(<SurveyMessage state={c.req.query('thanks') ? 'thanks' : 'answered'} view={view} path={pathOf(c)} />);
    return c.html(<SurveyForm survey={link.survey} view={view} action={pathOf(c)} nonce={c.get('secureHeadersNonce')} />);
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const view = viewOf(c);
    const bundle = await resolveBundleLink(core, token);
    if (bundle) return postBundleAnswer(core, c, bundle);
    const { step, answers } = isJsonBody(c)
      ? { step: undefined, answers: (await jsonBody(c, jsonAnswersSchema)).answers as RawAnswers }
      : withoutStep(formAnswers(await c.req.parseBody({ all: true })));
    if (step === 'first') {
      const followUp = await followUpStep(c, token, answers, view);
      if (followUp) return followUp;
    }
    const response = await recordAnswer(core, token, answers, deps.clientAddress(c));
    if (wantsJson(c)) return c.json({ status: 'recorded', answeredAt: response.answeredAt, score: response.score }, 201);
    // Post/Redirect/Get: a reload shows the thank-you page instead of sending the form again.
    return c.redirect(surveyHref(`/s/${token}`, view, { thanks: '1' }), 303);
  });

  /**
   * A first-step post from a page whose script never ran: the conditional questions were never
   * seen, so when the answers call for one (reasons after a 1 or 2) the page asks it now and
   * records nothing yet. Answers that are invalid, or need nothing more, go on to be recorded
   * (or refused) as usual.
   */
  async function followUpStep(c: Context, token: string, answers: RawAnswers, view: SurveyView): Promise<Response | undefined> {
    const link = await resolveSurveyLink(core, token, deps.clientAddress(c));
    if (link.answered) return undefined;
    const checked = checkAnswers(link.survey, answers);
    if (!checked.ok) return undefined;
    const questions = followUpQuestions(link.survey, checked.answers);
    if (questions.length === 0) return undefined;
    return c.html(<SurveyFollowUp survey={link.survey} view={view} action={pathOf(c)} answers={checked.answers} questions={questions} />);
  }

  app.onError(async (error, c) => {
    if (!(error instanceof DomainError)) throw error;
    setRetryAfter(error, c);
    c.header('Cache-Control', 'no-store');
    if (wantsJson(c) && c.req.method === 'POST') return c.json(errorBody(error), statusOf[error.code]);
    const view = viewOf(c);
    const status = statusOf[error.code];
    if (error.code === 'validation.failed') return rerender(c, view, error.details as Problem[]);
    const state = pageStateOf[error.code];
    if (!state) throw error;
    return c.html(<SurveyMessage state={state} view={view} path={pathOf(c)} />, status);
  });

  async function rerender(c: Context, view: SurveyView, problems: Problem[]) {
    const link = await resolveSurveyLink(core, c.req.param('token') ?? '', deps.clientAddress(c));
    const values = isJsonBody(c) ? {} : formAnswers(await c.req.parseBody({ all: true }));
    return c.html(
      <SurveyForm survey={link.survey} view={view} action={pathOf(c)} nonce={c.get('secureHeadersNonce')} values={values} problems={problems} />,
      400,
    );
  }

  return app;
}
