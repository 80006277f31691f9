import type { Answers } from '../functions/core/surveys/answers';
import type { Question } from '../functions/core/surveys/definition';
import type { Lang } from './layout';
import { texts } from './survey-texts';

/** What a reader sent so far: raw form values on a re-shown form, clean answers on the second step. */
export type FieldValues = Record<string, unknown>;

function checked(values: FieldValues, id: string, value: string | number): boolean {
  const given = values[id];
  return Array.isArray(given) ? given.map(String).includes(String(value)) : given !== undefined && String(given) === String(value);
}

/**
 * One question as big touch targets (never a dropdown). A conditional question starts `hidden`:
 * the page's script shows it inline when its condition holds; without JavaScript it stays hidden
 * and the server asks it on a second step instead.
 */
export function QuestionField(props: { q: Question; lang: Lang; values: FieldValues; problem?: string | undefined; inline?: boolean; idPrefix?: string }) {
  const { q, lang, values, problem } = props;
  // A page with several forms (a bundle) prefixes element ids, so that none repeats.
  const idOf = (kind: 'q' | 'err') => `${props.idPrefix ?? ''}${kind}-${q.id}`;
  // A conditional question with a problem stays in view: the reader must see what to fix.
  const conditional = q.showIf && props.inline !== false && !problem ? { 'data-show-if': q.showIf.question, 'data-show-in': q.showIf.in.join(','), hidden: true } : {};
  const described = problem ? { 'aria-describedby': idOf('err') } : {};
  const error = problem ? (
    <p class="error" id={idOf('err')}>
      {problem}
    </p>
  ) : null;
  const legend = (
    <legend>
      {q.label[lang]}
      {q.required ? <span class="muted">{texts[lang].required}</span> : null}
    </legend>
  );
  switch (q.type) {
    case 'rating':
      return (
        <fieldset {...conditional} {...described}>
          {legend}
          {error}
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
        <fieldset {...conditional} {...described}>
          {legend}
          {error}
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
        <fieldset {...conditional}>
          <legend>
            <label for={idOf('q')}>{q.label[lang]}</label>
          </legend>
          {error}
          <textarea id={idOf('q')} name={q.id} maxlength={q.maxLength} {...described}>
            {typeof values[q.id] === 'string' ? (values[q.id] as string) : ''}
          </textarea>
        </fieldset>
      );
  }
}

/** The answers of the first step, carried through the second one as hidden fields. */
export function CarriedAnswers(props: { answers: Answers }) {
  return (
    <>
      {Object.entries(props.answers).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => <input type="hidden" name={name} value={String(v)} />),
      )}
    </>
  );
}
