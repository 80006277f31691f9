/**
 * Survey definitions live as JSON files in `surveys/`, checked against `surveys/survey.schema.json`
 * by ajv when they are loaded. These are the shapes the rest of the code reads.
 */
export interface LocalText {
  zh: string;
  en: string;
}

export interface ShowIf {
  question: string;
  in: Array<number | string>;
}

interface QuestionBase {
  id: string;
  label: LocalText;
  required?: boolean;
  showIf?: ShowIf;
}

export interface RatingQuestion extends QuestionBase {
  type: 'rating';
  levels: Array<{ value: number; label: LocalText }>;
}
export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single';
  options: Array<{ value: string; label: LocalText }>;
}
export interface MultiChoiceQuestion extends QuestionBase {
  type: 'multi';
  options: Array<{ value: string; label: LocalText }>;
}
export interface TextQuestion extends QuestionBase {
  type: 'text';
  maxLength: number;
}

/** One question of a survey, discriminated on `type`. */
export type Question = RatingQuestion | SingleChoiceQuestion | MultiChoiceQuestion | TextQuestion;

export interface SurveyDefinition {
  id: string;
  version: number;
  title: LocalText;
  intro?: LocalText;
  /** The rating question whose answer is the score that counters and reports use. */
  scoreQuestion: string;
  questions: Question[];
}

/** Where definitions come from; an invitation pins `id` and `version`. */
export interface SurveyCatalog {
  /** The survey new invitations use. */
  current(id: string): SurveyDefinition | undefined;
  /** A pinned version, for answering an older invitation. */
  get(id: string, version: number): SurveyDefinition | undefined;
}

/** The default survey of a callback: the national 好差评 five levels. */
export const CALLBACK_SURVEY_ID = 'callback-satisfaction';

/** The short second survey after a rectification (满意 / 基本满意 / 不满意); its answers measure recovery. */
export const FOLLOWUP_SURVEY_ID = 'rectification-followup';
