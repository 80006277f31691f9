import { scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError, validationError, type Problem } from '../errors';
import type { Page, ResponseQuery, SurveyResponse } from '../ports';
import { addDays, endOfShanghaiDay, isLocalDate, shanghaiDate, shanghaiInstant, type LocalDate } from '../scheduling/shanghai-time';
import { smsChannelOf, type Channel } from './counters';

/** The longest range the drill-down lists: the same three years the scores allow, so every score links here. */
export const MAX_DRILLDOWN_DAYS = 3 * 366;

/** `GET /api/v1/reports/responses`, checked: at most one group, an inclusive Shanghai date range. */
export interface DrilldownQuery {
  teamId?: string;
  zoneId?: string;
  category?: string;
  from: LocalDate;
  to: LocalDate;
  rating?: number;
  limit: number;
  cursor?: string;
}

/** One answer as the drill-down lists it: what was said, and whether it still counts. */
export interface DrilldownItem {
  invitationId: string;
  issueId: string;
  enterpriseId: string;
  teamId: string;
  zoneId: string;
  category: string;
  surveyId: string;
  surveyVersion: number;
  /** `sms` for the main survey, `followup` for the survey after a rectification (scored apart). */
  channel: Channel;
  score: number;
  resolved: string | null;
  reasons: string[];
  comment: string | null;
  answeredAt: string;
  /** Taken out of every score by an approved appeal; listed, marked, never counted. */
  excluded: boolean;
  underAppeal: boolean;
  appealId: string | null;
}

const GROUP_FILTERS = ['teamId', 'zoneId', 'category'] as const;

/**
 * Reads the drill-down's query string into a query, or throws `validation.failed` with one problem
 * per mistake (`date.invalid`, `range.reversed`, `range.too_long`, `filter.several_groups`,
 * `rating.invalid`, `limit.invalid`). Empty values count as absent, as a plain GET form sends them.
 * Without dates it covers the 30 days up to `today`.
 *
 * @example parseDrilldownQuery({ teamId: 'gaoxin-01', from: '2026-11-01', to: '2026-11-30' }, '2026-12-01')
 */
export function parseDrilldownQuery(raw: Record<string, string | undefined>, today: LocalDate): DrilldownQuery {
  const given = (name: string) => (raw[name] === undefined || raw[name] === '' ? undefined : raw[name]!.trim());
  const problems: Problem[] = [];
  const from = given('from') ?? addDays(today, -29);
  const to = given('to') ?? today;
  for (const [path, value] of [['from', from], ['to', to]] as const) {
    if (!isLocalDate(value)) problems.push({ code: 'date.invalid', path, message: 'must be a date written YYYY-MM-DD' });
  }
  if (problems.length === 0 && from > to) problems.push({ code: 'range.reversed', path: 'from', message: 'from must not be after to' });
  if (problems.length === 0 && Date.parse(to) - Date.parse(from) > MAX_DRILLDOWN_DAYS * 86_400_000) {
    problems.push({ code: 'range.too_long', path: 'to', message: `at most ${MAX_DRILLDOWN_DAYS} days` });
  }
  const groups = GROUP_FILTERS.filter((name) => given(name) !== undefined);
  if (groups.length > 1) problems.push({ code: 'filter.several_groups', path: groups.join(','), message: 'give at most one of teamId, zoneId, category' });
  for (const name of GROUP_FILTERS) {
    if ((given(name)?.length ?? 0) > 64) problems.push({ code: 'filter.too_long', path: name, message: 'at most 64 characters' });
  }
  const rating = given('rating');
  if (rating !== undefined && !/^[1-5]$/.test(rating)) problems.push({ code: 'rating.invalid', path: 'rating', message: 'must be a whole number from 1 to 5' });
  const limit = given('limit') ?? '50';
  if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 200) problems.push({ code: 'limit.invalid', path: 'limit', message: 'must be a whole number from 1 to 200' });
  const cursor = given('cursor');
  if (cursor !== undefined && cursor.length > 2048) problems.push({ code: 'cursor.invalid', path: 'cursor', message: 'use nextCursor from the previous page' });
  if (problems.length > 0) throw validationError(problems);
  const group = groups[0];
  return {
    ...(group ? { [group]: given(group) } : {}),
    from,
    to,
    ...(rating !== undefined ? { rating: Number(rating) } : {}),
    limit: Number(limit),
    ...(cursor !== undefined ? { cursor } : {}),
  };
}

/**
 * The group a caller may drill into. A team member sees only their own team; a dispatcher their
 * zone or one of its teams; the office and function groups anything, and alone a category (its
 * answers come from every team). Without a group: the caller's whole scope. An unknown team or
 * zone is `not_found`; one outside the caller's scope is `auth.forbidden`.
 */
export async function drilldownGroup(deps: CoreDeps, principal: Principal, query: Pick<DrilldownQuery, 'teamId' | 'zoneId' | 'category'>): Promise<ResponseQuery['group']> {
  const scope = scopeOf(principal);
  if (query.teamId) {
    const team = await deps.org.getTeam(query.teamId);
    if (!team) throw new DomainError('not_found', `No team ${query.teamId}.`);
    const allowed = scope.kind === 'all' || (scope.kind === 'zone' ? team.zoneId === scope.zoneId : team.id === scope.teamId);
    if (!allowed) throw new DomainError('auth.forbidden', 'That team is outside your scope.');
    return { kind: 'team', teamId: team.id };
  }
  if (query.zoneId) {
    if (!(await deps.org.listZones()).some((z) => z.id === query.zoneId)) throw new DomainError('not_found', `No zone ${query.zoneId}.`);
    // A team member asking for the zone would read the other teams' answers.
    if (scope.kind === 'team' || (scope.kind === 'zone' && scope.zoneId !== query.zoneId)) throw new DomainError('auth.forbidden', 'That zone is outside your scope.');
    return { kind: 'zone', zoneId: query.zoneId };
  }
  if (query.category) {
    if (scope.kind !== 'all') throw new DomainError('auth.forbidden', 'Answers by category are for the office.');
    return { kind: 'category', category: query.category };
  }
  if (scope.kind === 'team') return { kind: 'team', teamId: scope.teamId };
  if (scope.kind === 'zone') return { kind: 'zone', zoneId: scope.zoneId };
  return { kind: 'all' };
}

/**
 * The drill-down behind a score: the answers of one group answered within the Shanghai dates
 * `from..to` (an answer at 23:30 Shanghai on `to` is inside, one at 00:10 the next day is not),
 * newest first, with their comments. Excluded answers are listed and marked, as the office must
 * be able to see what an appeal took out.
 */
export async function responseDrilldown(deps: CoreDeps, principal: Principal, query: DrilldownQuery): Promise<Page<DrilldownItem>> {
  return groupResponses(deps, await drilldownGroup(deps, principal, query), query);
}

/** One page of a group's answers, for a group already checked against the caller by `drilldownGroup`. */
export async function groupResponses(deps: CoreDeps, group: ResponseQuery['group'], query: DrilldownQuery): Promise<Page<DrilldownItem>> {
  const page = await deps.responses.list(
    {
      group,
      from: shanghaiInstant(query.from).toISOString(),
      to: endOfShanghaiDay(query.to).toISOString(),
      ...(query.rating !== undefined ? { rating: query.rating } : {}),
    },
    { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) },
  );
  return { items: page.items.map(drilldownItem), nextCursor: page.nextCursor };
}

/** The listed form of a stored answer. */
export function drilldownItem(r: SurveyResponse): DrilldownItem {
  const { resolved, reasons, comment } = r.answers;
  return {
    invitationId: r.invitationId,
    issueId: r.issueId,
    enterpriseId: r.enterpriseId,
    teamId: r.teamId,
    zoneId: r.zoneId,
    category: r.category,
    surveyId: r.surveyId,
    surveyVersion: r.surveyVersion,
    channel: smsChannelOf(r),
    score: r.score,
    resolved: typeof resolved === 'string' ? resolved : null,
    reasons: Array.isArray(reasons) ? reasons : [],
    comment: typeof comment === 'string' ? comment : null,
    answeredAt: r.answeredAt,
    excluded: r.excludedAt !== undefined,
    underAppeal: r.openAppealId !== undefined,
    appealId: r.appealId ?? r.openAppealId ?? null,
  };
}

/** Today's Shanghai date, the default end of a range. */
export const todayIn = (deps: CoreDeps): LocalDate => shanghaiDate(deps.clock.now());
