import { raw } from 'hono/html';
import type { Problem } from '../functions/core/errors';
import type { BundleMember } from '../functions/core/invitations/bundle-link';
import { shanghaiDate } from '../functions/core/scheduling/shanghai-time';
import { Layout } from './layout';
import { QuestionField, type FieldValues } from './survey-fields';
import { PageTools, STEP_FIELD, type SurveyStep } from './survey-page';
import { bundleTexts } from './survey-bundle-texts';
import { problemText } from './survey-texts';
import { surveyHref, type SurveyView } from './survey-view';

/**
 * The hidden form field (and JSON property) that names which issue of a bundle page a post
 * answers; no survey has a question of that id, so it never collides with an answer.
 */
export const INVITATION_FIELD = 'invitationId';

// The single page's script, scoped to each form (a bundle page has one form per issue, with the
// same question names): shows a conditional question when its condition holds in ITS form.
const scopedShowIfScript = `(function(){var a=function(r,l,f){Array.prototype.forEach.call(r.querySelectorAll(l),f)};a(document,'[data-show-if]',function(f){var r=f.form||document,n=f.getAttribute('data-show-if'),v=f.getAttribute('data-show-in').split(',');function u(){var c=r.querySelector('input[name="'+n+'"]:checked');f.hidden=!(c&&v.indexOf(c.value)>=0)}a(r,'input[name="'+n+'"]',function(i){i.addEventListener('change',u)});u()});a(document,'input[name="${STEP_FIELD}"]',function(s){s.value='inline'})})()`;

/**
 * The page of a bundle link (the frequency cap merged several closures into one SMS): every issue
 * with its title, team and closing day, each with its own form of big buttons posting that issue's
 * answers alone (the hidden `invitationId` names it). Answered issues show as done. Works without
 * JavaScript; the one inline script carries the response's CSP nonce.
 */
export function SurveyBundlePage(props: {
  members: BundleMember[];
  view: SurveyView;
  action: string;
  nonce?: string | undefined;
  received?: boolean;
  /** The form a refused post came from: its values and problems are shown again. */
  failed?: { invitationId: string; values: FieldValues; problems: Problem[] };
}) {
  const { members, view } = props;
  const { lang } = view;
  const t = bundleTexts[lang];
  const n = members.length;
  return (
    <Layout lang={lang} title={t.title(n)} large={view.large}>
      <PageTools path={props.action} view={view} />
      <h1>{t.title(n)}</h1>
      <p>{t.intro}</p>
      {props.received ? (
        <p class="card state-thanks" data-state="received" role="status">
          {t.received}
        </p>
      ) : null}
      {members.map((m, index) => (
        <BundleIssue member={m} index={index + 1} count={n} view={view} action={props.action} failed={props.failed?.invitationId === m.invitation.id ? props.failed : undefined} />
      ))}
      <script nonce={props.nonce}>{raw(scopedShowIfScript)}</script>
    </Layout>
  );
}

function BundleIssue(props: { member: BundleMember; index: number; count: number; view: SurveyView; action: string; failed: { values: FieldValues; problems: Problem[] } | undefined }) {
  const { member: m, index, view } = props;
  const { lang } = view;
  const t = bundleTexts[lang];
  const headingId = `issue-${index}`;
  const problems = props.failed?.problems ?? [];
  const problemOf = (id: string) => {
    const p = problems.find((x) => x.path === id);
    return p ? problemText(lang, p.code, p.message) : undefined;
  };
  return (
    <section class={`card${m.state === 'open' ? '' : ` state-${m.state === 'answered' ? 'answered' : 'expired'}`}`} aria-labelledby={headingId} data-invitation={m.invitation.id} {...(m.state === 'open' ? {} : { 'data-state': m.state })}>
      <p class="muted">{t.issue(index, props.count)}</p>
      <h2 id={headingId}>{m.issueTitle}</h2>
      <p class="muted">
        {m.teamName}
        {m.closedAt ? ` · ${t.closedOn} ${shanghaiDate(new Date(m.closedAt))}` : ''}
      </p>
      {m.state === 'answered' ? <p>{t.done}</p> : null}
      {m.state === 'expired' ? <p>{t.expired}</p> : null}
      {m.state === 'open' ? (
        <form method="post" action={surveyHref(props.action, view)}>
          <input type="hidden" name={STEP_FIELD} value={'first' satisfies SurveyStep} />
          <input type="hidden" name={INVITATION_FIELD} value={m.invitation.id} />
          {problems.length > 0 ? (
            <p class="error" role="alert">
              {problems.map((p) => problemOf(p.path) ?? p.message).join('；')}
            </p>
          ) : null}
          {m.survey.questions.map((q) => (
            <QuestionField q={q} lang={lang} values={props.failed?.values ?? {}} problem={problemOf(q.id)} idPrefix={`i${index}-`} />
          ))}
          <button type="submit">{t.submit(index)}</button>
        </form>
      ) : null}
    </section>
  );
}
