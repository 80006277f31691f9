import { raw } from 'hono/html';
import type { Problem } from '../functions/core/errors';
import type { Answers } from '../functions/core/surveys/answers';
import type { Question, SurveyDefinition } from '../functions/core/surveys/definition';
import { Layout } from './layout';
import { CarriedAnswers, QuestionField, type FieldValues } from './survey-fields';
import { problemText, texts } from './survey-texts';
import { surveyHref, type SurveyView } from './survey-view';

/**
 * The hidden form field that tells the server which step a form post comes from: `first` as
 * served (conditional questions hidden), `inline` once the script runs (they appear as needed, so
 * the post is final), `follow-up` from the second step. Question ids start with a letter, so it
 * never collides with one; a post without it (JSON, scripts) is final.
 */
export const STEP_FIELD = '_step';
export type SurveyStep = 'first' | 'inline' | 'follow-up';

// Shows conditional questions inline when their condition holds, then marks the post as final.
// The marker is set last: a browser that fails halfway still gets the server's second step.
const showIfScript = `(function(){var a=function(l,f){Array.prototype.forEach.call(document.querySelectorAll(l),f)};a('[data-show-if]',function(f){var n=f.getAttribute('data-show-if'),v=f.getAttribute('data-show-in').split(',');function u(){var c=document.querySelector('input[name="'+n+'"]:checked');f.hidden=!(c&&v.indexOf(c.value)>=0)}a('input[name="'+n+'"]',function(i){i.addEventListener('change',u)});u()});a('input[name="${STEP_FIELD}"]',function(s){s.value='inline'})})()`;

/** The language switch and the large-type switch: plain links, so they work without JavaScript. */
export function PageTools(props: { path: string; view: SurveyView; extra?: Record<string, string> }) {
  const { path, view } = props;
  const t = texts[view.lang];
  const other = view.lang === 'zh' ? 'en' : 'zh';
  return (
    <nav class="tools" aria-label={t.pageOptions}>
      <a href={surveyHref(path, { ...view, lang: other }, props.extra)} lang={other === 'zh' ? 'zh-CN' : 'en'}>
        {t.other}
      </a>
      <a href={surveyHref(path, { ...view, large: !view.large }, props.extra)}>{view.large ? t.largeOff : t.largeOn}</a>
    </nav>
  );
}

function ProblemSummary(props: { survey: SurveyDefinition; view: SurveyView; problems: Problem[] }) {
  const { lang } = props.view;
  return (
    <div class="card error" role="alert">
      <p>{texts[lang].fixErrors}</p>
      <ul>
        {props.problems.map((p) => (
          <li>
            {props.survey.questions.find((q) => q.id === p.path)?.label[lang] ?? p.path}: {problemText(lang, p.code, p.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The survey form of `/s/{token}`: big buttons for the five levels and one plain POST. The only
 * script is inline and carries the CSP nonce of the response; the page works fully without it.
 */
export function SurveyForm(props: {
  survey: SurveyDefinition;
  view: SurveyView;
  action: string;
  nonce?: string | undefined;
  values?: FieldValues;
  problems?: Problem[];
}) {
  const { survey, view } = props;
  const { lang } = view;
  const problems = props.problems ?? [];
  const problemOf = (q: Question) => {
    const p = problems.find((x) => x.path === q.id);
    return p ? problemText(lang, p.code, p.message) : undefined;
  };
  return (
    <Layout lang={lang} title={survey.title[lang]} large={view.large}>
      <PageTools path={props.action} view={view} />
      <h1>{survey.title[lang]}</h1>
      {survey.intro ? <p>{survey.intro[lang]}</p> : null}
      {problems.length > 0 ? <ProblemSummary survey={survey} view={view} problems={problems} /> : null}
      <form method="post" action={surveyHref(props.action, view)} class="card">
        <input type="hidden" name={STEP_FIELD} value={'first' satisfies SurveyStep} />
        {survey.questions.map((q) => (
          <QuestionField q={q} lang={lang} values={props.values ?? {}} problem={problemOf(q)} />
        ))}
        <button type="submit">{texts[lang].submit}</button>
      </form>
      <script nonce={props.nonce}>{raw(showIfScript)}</script>
    </Layout>
  );
}

/**
 * The second step of a page without JavaScript: the conditional questions the first answers
 * called for (the reasons after a 1 or 2), with the first answers carried in hidden fields.
 * Nothing is recorded until this form is sent.
 */
export function SurveyFollowUp(props: { survey: SurveyDefinition; view: SurveyView; action: string; answers: Answers; questions: Question[] }) {
  const { survey, view, answers } = props;
  const { lang } = view;
  const t = texts[lang];
  const scoreQuestion = survey.questions.find((q) => q.id === survey.scoreQuestion);
  const level = scoreQuestion?.type === 'rating' ? scoreQuestion.levels.find((l) => l.value === answers[survey.scoreQuestion]) : undefined;
  return (
    <Layout lang={lang} title={t.followUpTitle} large={view.large}>
      <h1>{t.followUpTitle}</h1>
      {level ? <p>{t.followUpBody.replace('{level}', level.label[lang])}</p> : null}
      <form method="post" action={surveyHref(props.action, view)} class="card" data-step="follow-up">
        <input type="hidden" name={STEP_FIELD} value={'follow-up' satisfies SurveyStep} />
        <CarriedAnswers answers={answers} />
        {props.questions.map((q) => (
          <QuestionField q={q} lang={lang} values={{}} inline={false} />
        ))}
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}

export type SurveyState = 'thanks' | 'answered' | 'expired' | 'unknown' | 'limited';

/** A one-message page: thank-you, already answered, expired (410), unknown (404), rate-limited (429). */
export function SurveyMessage(props: { state: SurveyState; view: SurveyView; path: string }) {
  const { view } = props;
  const t = texts[view.lang];
  const messages: Record<SurveyState, [string, string]> = {
    thanks: [t.thanksTitle, t.thanksBody],
    answered: [t.answeredTitle, t.answeredBody],
    expired: [t.expiredTitle, t.expiredBody],
    unknown: [t.unknownTitle, t.unknownBody],
    limited: [t.limitedTitle, t.limitedBody],
  };
  const [title, body] = messages[props.state];
  return (
    <Layout lang={view.lang} title={title} large={view.large}>
      <PageTools path={props.path} view={view} extra={props.state === 'thanks' ? { thanks: '1' } : {}} />
      <div class={`card state-${props.state}`} data-state={props.state}>
        <h1>{title}</h1>
        <p>{body}</p>
      </div>
    </Layout>
  );
}
