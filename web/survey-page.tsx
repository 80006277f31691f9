import { raw } from 'hono/html';
import type { Problem } from '../functions/core/errors';
import type { Question, SurveyDefinition } from '../functions/core/surveys/definition';
import { Layout, type Lang } from './layout';
import { texts } from './survey-texts';

type Values = Record<string, unknown>;

function checked(values: Values, id: string, value: string | number): boolean {
  const given = values[id];
  return Array.isArray(given) ? given.map(String).includes(String(value)) : given !== undefined && String(given) === String(value);
}

function QuestionField(props: { q: Question; lang: Lang; values: Values }) {
  const { q, lang, values } = props;
  const legend = (
    <legend>
      {q.label[lang]}
      {q.required ? <span class="muted">{texts[lang].required}</span> : null}
    </legend>
  );
  const showIf = q.showIf ? { 'data-show-if': q.showIf.question, 'data-show-in': q.showIf.in.join(',') } : {};
  switch (q.type) {
    case 'rating':
      return (
        <fieldset {...showIf}>
          {legend}
          <div class="levels">
            {q.levels.map((l) => (
              <label class="choice">
                <input type="radio" name={q.id} value={String(l.value)} required={q.required} checked={checked(values, q.id, l.value)} />
                <span>{l.label[lang]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    case 'single':
    case 'multi':
      return (
        <fieldset {...showIf}>
          {legend}
          <div class="row">
            {q.options.map((o) => (
              <label class="choice">
                <input type={q.type === 'single' ? 'radio' : 'checkbox'} name={q.id} value={o.value} checked={checked(values, q.id, o.value)} />
                <span>{o.label[lang]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    case 'text':
      return (
        <fieldset {...showIf}>
          <legend>
            <label for={`q-${q.id}`}>{q.label[lang]}</label>
          </legend>
          <textarea id={`q-${q.id}`} name={q.id} maxlength={q.maxLength}>
            {typeof values[q.id] === 'string' ? (values[q.id] as string) : ''}
          </textarea>
        </fieldset>
      );
  }
}

// Hides conditional questions until their condition holds; without JavaScript they simply stay visible.
const showIfScript = `document.querySelectorAll('[data-show-if]').forEach(function(f){var n=f.getAttribute('data-show-if'),v=f.getAttribute('data-show-in').split(',');function u(){var c=document.querySelector('input[name="'+n+'"]:checked');f.hidden=!(c&&v.indexOf(c.value)>=0)}document.querySelectorAll('input[name="'+n+'"]').forEach(function(i){i.addEventListener('change',u)});u()})`;

/** The survey form of `/s/{token}`: big buttons for the five levels, one plain POST. */
export function SurveyForm(props: { survey: SurveyDefinition; lang: Lang; action: string; values?: Values; problems?: Problem[] }) {
  const { survey, lang } = props;
  const t = texts[lang];
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <Layout lang={lang} title={survey.title[lang]}>
      <p class="muted">
        <a href={`?lang=${other}`} lang={other === 'zh' ? 'zh-CN' : 'en'}>
          {t.other}
        </a>
      </p>
      <h1>{survey.title[lang]}</h1>
      {survey.intro ? <p>{survey.intro[lang]}</p> : null}
      {props.problems && props.problems.length > 0 ? (
        <div class="card error" role="alert">
          <p>{t.fixErrors}</p>
          <ul>
            {props.problems.map((p) => (
              <li>
                {survey.questions.find((q) => q.id === p.path)?.label[lang] ?? p.path}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`${props.action}${lang === 'en' ? '?lang=en' : ''}`} class="card">
        {survey.questions.map((q) => (
          <QuestionField q={q} lang={lang} values={props.values ?? {}} />
        ))}
        <button type="submit">{t.submit}</button>
      </form>
      <script>{raw(showIfScript)}</script>
    </Layout>
  );
}

export type SurveyState = 'thanks' | 'answered' | 'expired' | 'unknown' | 'limited';

/** A one-message page: thank-you, already answered, expired (410), unknown (404), rate-limited (429). */
export function SurveyMessage(props: { state: SurveyState; lang: Lang }) {
  const t = texts[props.lang];
  const messages: Record<SurveyState, [string, string]> = {
    thanks: [t.thanksTitle, t.thanksBody],
    answered: [t.answeredTitle, t.answeredBody],
    expired: [t.expiredTitle, t.expiredBody],
    unknown: [t.unknownTitle, t.unknownBody],
    limited: [t.limitedTitle, t.limitedBody],
  };
  const [title, body] = messages[props.state];
  return (
    <Layout lang={props.lang} title={title}>
      <div class="card" data-state={props.state}>
        <h1>{title}</h1>
        <p>{body}</p>
      </div>
    </Layout>
  );
}
