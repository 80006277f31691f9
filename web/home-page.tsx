import { Layout } from './layout';

export interface HomeLink {
  href: string;
  label: string;
  note: string;
}

/** The front page: what huifang is, and where to go from here. */
export function HomePage(props: { links: HomeLink[] }) {
  return (
    <Layout lang="zh" title="huifang 回访">
      <h1>huifang 回访</h1>
      <p>企业诉求办结后，自动安排助企队回访，短信邀请企业评价，按好差评五级统计各助企队、各开发区的满意度；差评自动生成整改任务。</p>
      <div class="card">
        <ul>
          {props.links.map((l) => (
            <li>
              <a href={l.href}>{l.label}</a> <span class="muted">{l.note}</span>
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}
