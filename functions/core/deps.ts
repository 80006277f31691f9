import type { Settings } from './settings';
import type { SurveyBundleStore } from './invitations/survey-bundle';
import type { WorkingDayCalendar } from './scheduling/working-days';
import type { SurveyCatalog } from './surveys/definition';
import type {
  AppealStore,
  Clock,
  CounterStore,
  IdGen,
  InvitationStore,
  IssueStore,
  OrgStore,
  RateLimitStore,
  ResponseStore,
  SmsGateway,
  SurveyTokens,
  TaskStore,
  SurveyCodeStore,
} from './ports';

/** Everything the core needs from the outside world, built once by a host's composition root. */
export interface CoreDeps {
  clock: Clock;
  ids: IdGen;
  tokens: SurveyTokens;
  calendar: WorkingDayCalendar;
  surveys: SurveyCatalog;
  sms: SmsGateway;
  settings: Settings;
  org: OrgStore;
  issues: IssueStore;
  tasks: TaskStore;
  invitations: InvitationStore;
  counters: CounterStore;
  rateLimits: RateLimitStore;
  responses: ResponseStore;
  appeals: AppealStore;
  /** Survey codes of code mode (`surveyLinkMode: 'code'`). */
  codes: SurveyCodeStore;
  bundles: SurveyBundleStore;
}
