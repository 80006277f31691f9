import { Hono, type Context } from 'hono';
import { scopeOf, type Principal } from '../../core/auth/principal';
import type { CoreDeps } from '../../core/deps';
import { DomainError } from '../../core/errors';
import { categoriesOf } from '../../core/ledger/categories';
import { newIssueSchema } from '../../core/ledger/issue';
import { createIssue } from '../../core/ledger/issues';
import type { Enterprise } from '../../core/org/org';
import type { Flash } from '../../../web/staff/messages';
import { NewIssuePage, type NewIssueValues } from '../../../web/staff/new-issue-page';
import type { ApiDeps, ApiEnv } from '../env';
import { statusOf } from '../error-mapper';
import { parseWith } from '../validation';
import { formFields, problemFields } from './form-post';

/** The most enterprises the form offers; a district has about a thousand. */
const MAX_ENTERPRISES = 2000;

async function enterprisesOf(core: CoreDeps, principal: Principal): Promise<Enterprise[]> {
  const scope = scopeOf(principal);
  const all: Enterprise[] = [];
  let cursor: string | undefined;
  do {
    const page = await core.org.listEnterprises(scope, { limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < MAX_ENTERPRISES);
  return all;
}

/** `/app/issues/new`: the form to record an issue, and its post (back to the form, filled in, on an error). */
export function newIssuePages(deps: ApiDeps) {
  const core = deps.core;
  const page = async (c: Context<ApiEnv>, values?: NewIssueValues, flash?: Flash) => {
    const principal = c.get('principal');
    const [enterprises, teams] = await Promise.all([enterprisesOf(core, principal), core.org.listTeams(scopeOf(principal))]);
    const categories = categoriesOf(core.settings).map((category) => category.name);
    return <NewIssuePage viewer={principal} enterprises={enterprises} teams={teams} categories={categories} values={values ?? {}} flash={flash ?? {}} />;
  };
  return new Hono<ApiEnv>()
    .get('/', async (c) => c.html(await page(c)))
    .post('/', async (c) => {
      const fields = await formFields(c);
      try {
        const issue = await createIssue(core, c.get('principal'), parseWith(newIssueSchema, fields));
        return c.redirect(`/app/issues/${issue.id}?ok=issue.created`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'auth.invalid' || error.code === 'auth.missing') throw error;
        return c.html(await page(c, fields, { error: error.code, fields: problemFields(error) }), statusOf[error.code]);
      }
    });
}
