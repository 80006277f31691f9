import { Ajv, type ErrorObject } from 'ajv';
import type { Problem } from '../../core/errors';
import type { SurveyCatalog, SurveyDefinition } from '../../core/surveys/definition';
import schema from '../../../surveys/survey.schema.json' with { type: 'json' };
import callbackSatisfactionV1 from '../../../surveys/callback-satisfaction.v1.json' with { type: 'json' };
import rectificationFollowupV1 from '../../../surveys/rectification-followup.v1.json' with { type: 'json' };

// Compiled once per process: a new ajv instance per call is what not to copy.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateDefinition = ajv.compile<unknown>(schema);

/** Checks a survey definition against `surveys/survey.schema.json` and the rules a schema cannot say. */
export function checkDefinition(definition: unknown): Problem[] {
  if (!validateDefinition(definition)) {
    return (validateDefinition.errors ?? []).map((e: ErrorObject) => ({ code: `schema.${e.keyword}`, path: e.instancePath || '/', message: e.message ?? 'invalid' }));
  }
  const survey = definition as unknown as SurveyDefinition;
  const problems: Problem[] = [];
  const ids = survey.questions.map((q) => q.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ code: 'survey.duplicate_question', path: `/questions/${i}/id`, message: `duplicate id ${id}` });
  });
  const score = survey.questions.find((q) => q.id === survey.scoreQuestion);
  if (!score || score.type !== 'rating') {
    problems.push({ code: 'survey.score_question', path: '/scoreQuestion', message: 'must name a rating question' });
  }
  survey.questions.forEach((q, i) => {
    if (q.showIf && ids.indexOf(q.showIf.question) >= i) {
      problems.push({ code: 'survey.show_if_order', path: `/questions/${i}/showIf`, message: 'must refer to an earlier question' });
    }
  });
  return problems;
}

/** A catalog of the given definitions; throws at start-up if one is invalid. */
export function surveyCatalog(definitions: unknown[]): SurveyCatalog {
  const byKey = new Map<string, SurveyDefinition>();
  const latest = new Map<string, SurveyDefinition>();
  for (const definition of definitions) {
    const problems = checkDefinition(definition);
    if (problems.length > 0) throw new Error(`invalid survey definition: ${JSON.stringify(problems)}`);
    const survey = definition as SurveyDefinition;
    byKey.set(`${survey.id}@${survey.version}`, survey);
    if ((latest.get(survey.id)?.version ?? 0) < survey.version) latest.set(survey.id, survey);
  }
  return { current: (id) => latest.get(id), get: (id, version) => byKey.get(`${id}@${version}`) };
}

/** The definitions shipped in `surveys/`. */
export const shippedSurveys: unknown[] = [callbackSatisfactionV1, rectificationFollowupV1];

/** The catalog of the shipped definitions. */
export const defaultSurveyCatalog = (): SurveyCatalog => surveyCatalog(shippedSurveys);
