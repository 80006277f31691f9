import type { Enterprise, Team } from '../../functions/core/org/org';
import type { Flash } from './messages';
import { StaffLayout, type Viewer } from './staff-layout';

/** What was typed, kept when the form comes back with an error. */
export type NewIssueValues = Partial<Record<'enterpriseId' | 'teamId' | 'category' | 'title' | 'description', string>>;

export interface NewIssuePageProps {
  viewer: Viewer;
  enterprises: Enterprise[];
  teams: Team[];
  /** The office's categories; when empty the category is typed in. */
  categories: string[];
  values?: NewIssueValues;
  flash?: Flash;
}

/** `/app/issues/new`: record an enterprise's issue (enterprise, team, category, title, description). */
export function NewIssuePage(props: NewIssuePageProps) {
  const v = props.values ?? {};
  const teamName = new Map(props.teams.map((t) => [t.id, t.name]));
  const byTeam = new Map<string, Enterprise[]>();
  for (const e of props.enterprises) byTeam.set(e.teamId, [...(byTeam.get(e.teamId) ?? []), e]);
  return (
    <StaffLayout title="登记诉求" viewer={props.viewer} section="issues" flash={props.flash}>
      <p>
        <a href="/app/issues">← 台账</a>
      </p>
      <h1>登记新诉求</h1>
      <form method="post" action="/app/issues/new" class="card">
        <label class="field">
          企业
          <select name="enterpriseId" required>
            <option value="">请选择</option>
            {[...byTeam].map(([teamId, enterprises]) => (
              <optgroup label={teamName.get(teamId) ?? teamId}>
                {enterprises.map((e) => (
                  <option value={e.id} selected={v.enterpriseId === e.id}>
                    {e.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label class="field">
          助企队
          <select name="teamId" required>
            {props.teams.map((t) => (
              <option value={t.id} selected={v.teamId === t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          类别
          {props.categories.length > 0 ? (
            <select name="category" required>
              {props.categories.map((name) => (
                <option value={name} selected={v.category === name}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <input type="text" name="category" required maxlength={40} value={v.category ?? ''} />
          )}
        </label>
        <label class="field">
          标题
          <input type="text" name="title" required maxlength={200} value={v.title ?? ''} />
        </label>
        <label class="field">
          描述 <span class="muted">（可选）</span>
          <textarea name="description" maxlength={4000}>
            {v.description ?? ''}
          </textarea>
        </label>
        <button type="submit">登记</button>
      </form>
    </StaffLayout>
  );
}
