import type { Answers } from './answers';
import { isShown } from './answers';
import type { Question, SurveyDefinition } from './definition';

/**
 * The conditional questions that the answers so far bring into view and that are still blank:
 * on a page without JavaScript they were never seen, so they are asked on a second step.
 *
 * @example
 * followUpQuestions(callbackSurvey, { overall: 2 }) // -> [the `reasons` question]
 * followUpQuestions(callbackSurvey, { overall: 2, reasons: ['speed'] }) // -> []
 */
export function followUpQuestions(survey: SurveyDefinition, answers: Answers): Question[] {
  return survey.questions.filter((q) => q.showIf !== undefined && isShown(q, answers) && answers[q.id] === undefined);
}
