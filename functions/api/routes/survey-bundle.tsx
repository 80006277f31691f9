import type { Context } from 'hono';
import { z } from 'zod';
import type { CoreDeps } from '../../core/deps';
import { DomainError, validationError, type Problem } from '../../core/errors';
import { recordBundleAnswer, type BundleLink } from '../../core/invitations/bundle-link';
import { checkAnswers, type RawAnswers } from '../../core/surveys/answers';
import { followUpQuestions } from '../../core/surveys/follow-up';
import { INVITATION_FIELD, SurveyBundlePage } from '../../../web/survey-bundle-page';
import { SurveyFollowUp, SurveyMessage } from '../../../web/survey-page';
import { surveyHref } from '../../../web/survey-view';
import { jsonBody } from '../validation';
import { formAnswers, isJsonBody, pathOf, viewOf, wantsJson, withoutStep } from './survey-request';

const jsonBundleAnswerSchema = z.object({ invitationId: z.string().min(1).max(64), answers: z.record(z.string(), z.unknown()) });


/**
 * `GET /s/{token}` of a bundle link: every issue with its own form; once every issue is answered,
 * the single page's thank-you (or already-answered) message. Reads only.
 */
export function bundleSurveyPage(c: Context, link: BundleLink, status: 200 | 400 | 409 = 200, failed?: { invitationId: string; values: Record<string, unknown>; problems: Problem[] }) {
  const view = viewOf(c);
  const received = c.req.query('thanks') === '1';
  if (link.members.every((m) => m.state !== 'open')) {
    return c.html(<SurveyMessage state={received ? 'thanks' : 'answered'} view={view} path={pathOf(c)} />, status);
  }
  return c.html(
    <SurveyBundlePage members={link.members} view={view} action={pathOf(c)} nonce={c.get('secureHeadersNonce')} received={received} {...(failed ? { failed } : {})} />,
    status,
  );
}

/**
 * `POST /s/{token}` of a bundle link: the answers to ONE of its issues, named by `invitationId`
 * (a hidden form field, or `{invitationId, answers}` in JSON). An id the link does not open is 404
 * and records nothing; invalid answers are 400 with the page shown again; an answered issue 409.
 * A page without JavaScript gets the reasons question on a second step, as the single page does.
 */
export async function postBundleAnswer(core: CoreDeps, c: Context, link: BundleLink): Promise<Response> {
  const view = viewOf(c);
  let invitationId: unknown;
  let answers: RawAnswers;
  let step: string | undefined;
  if (isJsonBody(c)) {
    const body = await jsonBody(c, jsonBundleAnswerSchema);
    ({ invitationId, answers } = { invitationId: body.invitationId, answers: body.answers as RawAnswers });
  } else {
    const { [INVITATION_FIELD]: id, ...rest } = formAnswers(await c.req.parseBody({ all: true }));
    invitationId = id;
    ({ step, answers } = withoutStep(rest));
  }
  if (typeof invitationId !== 'string' || invitationId === '') {
    throw validationError([{ code: 'answer.required', path: INVITATION_FIELD, message: 'name the issue being rated' }]);
  }
  const member = link.members.find((m) => m.invitation.id === invitationId);
  if (member && member.state === 'open' && step === 'first') {
    const checked = checkAnswers(member.survey, answers);
    const questions = checked.ok ? followUpQuestions(member.survey, checked.answers) : [];
    if (checked.ok && questions.length > 0) {
      const carried = { ...checked.answers, [INVITATION_FIELD]: invitationId };
      return c.html(<SurveyFollowUp survey={member.survey} view={view} action={pathOf(c)} answers={carried} questions={questions} />);
    }
  }
  try {
    const response = await recordBundleAnswer(core, link, invitationId, answers);
    if (wantsJson(c)) return c.json({ status: 'recorded', invitationId, answeredAt: response.answeredAt, score: response.score }, 201);
    return c.redirect(surveyHref(pathOf(c), view, { thanks: '1' }), 303);
  } catch (error) {
    if (!(error instanceof DomainError) || wantsJson(c) || isJsonBody(c)) throw error;
    // The page again, with the refused form's values and problems, or the issue now shown as done.
    if (error.code === 'validation.failed') {
      return bundleSurveyPage(c, link, 400, { invitationId, values: answers, problems: error.details as Problem[] });
    }
    if (error.code === 'invitation.already_answered') {
      return bundleSurveyPage(c, { members: link.members.map((m) => (m.invitation.id === invitationId ? { ...m, state: 'answered' } : m)) }, 409);
    }
    throw error;
  }
}
