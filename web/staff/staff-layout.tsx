import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { css } from '../styles';
import { roleLabel } from './labels';
import { errorMessages, fallbackError, fieldLabel, okMessages, type Flash } from './messages';
import { staffCss } from './styles';

/** Who is looking at a page: enough to draw the nav and decide which links to show. */
export interface Viewer {
  username: string;
  role: string;
}

export type Section = 'tasks' | 'issues' | 'zone' | 'invitations' | 'reports';

/** Dispatchers and the office get the dispatch view (调度); team members do not. */
export const seesDispatch = (viewer: Viewer) => viewer.role === 'zone-dispatcher' || viewer.role === 'office';

function Nav(props: { viewer: Viewer; section?: Section }) {
  const link = (section: Section, href: string, text: string) => (
    <a href={href} aria-current={props.section === section ? 'page' : undefined}>
      {text}
    </a>
  );
  return (
    <nav class="nav" aria-label="主导航">
      {link('tasks', '/app/tasks', '任务')}
      {link('issues', '/app/issues', '台账')}
      {seesDispatch(props.viewer) ? link('zone', '/app/zone', '调度') : null}
      {seesDispatch(props.viewer) ? link('invitations', '/app/invitations', '短信') : null}
      {seesDispatch(props.viewer) ? link('reports', '/app/reports', '报表') : null}
      <span class="who">
        {props.viewer.username} · {roleLabel[props.viewer.role] ?? props.viewer.role}
      </span>
      <form method="post" action="/app/logout">
        <button type="submit">退出</button>
      </form>
    </nav>
  );
}

/** The message after a form post; only known keys show text (see messages.ts). */
export function FlashMessage(props: { flash?: Flash | undefined }) {
  const { ok, error, fields } = props.flash ?? {};
  if (error) {
    const check = fields?.length ? ` 请检查：${fields.map((f) => fieldLabel[f] ?? f).join('、')}` : '';
    return (
      <p class="flash error" role="alert">
        {(errorMessages[error] ?? fallbackError) + check}
      </p>
    );
  }
  if (ok && okMessages[ok]) {
    return (
      <p class="flash ok" role="status">
        {okMessages[ok]}
      </p>
    );
  }
  return null;
}

/**
 * The shell of every staff page: zh-CN, phone-first, one inline stylesheet, no script. The referrer
 * policy lets form posts carry this site's Origin, which the CSRF check compares.
 */
export function StaffLayout(props: { title: string; viewer?: Viewer | undefined; section?: Section; flash?: Flash | undefined; extraCss?: string; children: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="same-origin" />
        <title>{`${props.title} · huifang 回访`}</title>
        {/* raw: JSX would escape the quotes and `>` of the CSS */}
        <style>{raw(css + staffCss + (props.extraCss ?? ''))}</style>
      </head>
      <body class="staff">
        {props.viewer ? <Nav viewer={props.viewer} section={props.section} /> : null}
        <main>
          <FlashMessage flash={props.flash} />
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A page with one message, for errors met while showing a page (404, 403, 500). */
export function MessagePage(props: { title: string; message: string; viewer?: Viewer | undefined }) {
  return (
    <StaffLayout title={props.title} viewer={props.viewer}>
      <div class="card">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/app/tasks">返回任务</a>
        </p>
      </div>
    </StaffLayout>
  );
}
