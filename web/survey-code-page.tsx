import { Layout } from './layout';
import { codeTexts } from './survey-code-texts';
import { PageTools } from './survey-page';
import { surveyHref, type SurveyView } from './survey-view';

/** The path of the code entry page (fixed: it is what code-mode SMS templates name). */
export const CODE_PATH = '/c';

/** What the entry form says about a field after a post that did not open the survey. */
export interface CodeFormProblems {
  code?: string;
  digits?: string;
}

/**
 * The code entry form of `/c`: two large text fields (the code, the last 4 digits of the phone)
 * and one plain POST; no script at all. A problem is shown at its field and in one alert, and the
 * code that was typed stays in its field so it can be corrected.
 */
export function CodeForm(props: { view: SurveyView; code?: string; problems?: CodeFormProblems }) {
  const { view } = props;
  const t = codeTexts[view.lang];
  const problems = props.problems ?? {};
  const messages = [problems.code, problems.digits].filter((m): m is string => m !== undefined);
  const invalid = (problem: string | undefined, id: string) => (problem ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-hint ${id}-error` } : { 'aria-describedby': `${id}-hint` });
  return (
    <Layout lang={view.lang} title={t.title} large={view.large}>
      <PageTools path={CODE_PATH} view={view} />
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {messages.length > 0 ? (
        <div class="card error" role="alert">
          {messages.map((m) => (
            <p>{m}</p>
          ))}
        </div>
      ) : null}
      <form method="post" action={surveyHref(CODE_PATH, view)} class="card">
        <div class="entry-field">
          <label class="field" for="code">
            {t.codeLabel}
          </label>
          <input
            class="entry"
            id="code"
            name="code"
            type="text"
            required
            maxlength={24}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            value={props.code ?? ''}
            {...invalid(problems.code, 'code')}
          />
          <p class="muted" id="code-hint">
            {t.codeHint}
          </p>
          {problems.code ? (
            <p class="error" id="code-error">
              {problems.code}
            </p>
          ) : null}
        </div>
        <div class="entry-field">
          <label class="field" for="digits">
            {t.digitsLabel}
          </label>
          <input class="entry" id="digits" name="digits" type="text" inputmode="numeric" required maxlength={8} autocomplete="off" {...invalid(problems.digits, 'digits')} />
          <p class="muted" id="digits-hint">
            {t.digitsHint}
          </p>
          {problems.digits ? (
            <p class="error" id="digits-error">
              {problems.digits}
            </p>
          ) : null}
        </div>
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}

/** The page of a locked code (403): nothing more to try here; the callback team calls. */
export function CodeLocked(props: { view: SurveyView }) {
  const t = codeTexts[props.view.lang];
  return (
    <Layout lang={props.view.lang} title={t.lockedTitle} large={props.view.large}>
      <PageTools path={CODE_PATH} view={props.view} />
      <div class="card state-locked" data-state="locked">
        <h1>{t.lockedTitle}</h1>
        <p>{t.lockedBody}</p>
      </div>
    </Layout>
  );
}
