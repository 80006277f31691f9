import { label, roleLabel } from './labels';
import { StaffLayout } from './staff-layout';

/** A demo account offered as a hint on the local sign-in page. */
export interface DemoAccount {
  username: string;
  role: string;
  zoneId?: string | undefined;
  teamId?: string | undefined;
}

/** The local host's sign-in: username and password of a demo user, checked by the local issuer. */
export function LocalLoginPage(props: { users: DemoAccount[]; password: string; username?: string; error?: string }) {
  return (
    <StaffLayout title="登录">
      <h1>huifang 回访 · 工作人员登录</h1>
      {props.error ? (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/app/login" class="card">
        <label class="field">
          用户名
          <input type="text" name="username" required autocomplete="username" autocapitalize="none" value={props.username ?? ''} />
        </label>
        <label class="field">
          密码
          <input type="password" name="password" required autocomplete="current-password" />
        </label>
        <button type="submit">登录</button>
      </form>
      <details class="card">
        <summary>演示账号（本地）</summary>
        <p class="muted">所有演示账号的密码均为 {props.password}。</p>
        <ul class="list">
          {props.users.map((u) => (
            <li>
              <code>{u.username}</code> <span class="muted">{[label(roleLabel, u.role), u.zoneId, u.teamId].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      </details>
    </StaffLayout>
  );
}

/** The cloud's sign-in: staff sign in through the organisation's identity provider; a pasted ID token also works. */
export function CloudLoginPage(props: { error?: string }) {
  return (
    <StaffLayout title="登录">
      <h1>huifang 回访 · 工作人员登录</h1>
      {props.error ? (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div class="card">
        <p>工作人员通过本单位的统一身份认证登录。如已取得 ID 令牌（ID token），可粘贴在下方登录。</p>
        <form method="post" action="/app/login">
          <label class="field">
            ID 令牌
            <textarea name="token" required autocomplete="off" spellcheck={false} />
          </label>
          <button type="submit">登录</button>
        </form>
      </div>
    </StaffLayout>
  );
}
