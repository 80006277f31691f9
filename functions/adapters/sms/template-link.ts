import type { SmsMessage } from '../../core/ports';

/**
 * What a provider template's one variable carries. Mainland providers (Aliyun, Tencent) approve a
 * template text in advance and refuse free links in variables, so the template fixes the filed
 * domain and the variable carries only what changes:
 * - `token`: the link token alone, for a template such as `问题已办结，请评价：https://hf.example.gov.cn/s/${code}`
 *   (the default: a token is letters, digits, `-` and `_`, which every provider accepts in a variable);
 * - `path`: the path after the domain, `s/<token>`;
 * - `url`: the whole link, for accounts allowed link variables.
 */
export const linkVariables = ['token', 'path', 'url'] as const;
export type LinkVariable = (typeof linkVariables)[number];

/** The survey link of `message`: as given, or the last http(s) URL in the body. */
export function linkOf(message: SmsMessage): string {
  if (message.link) return message.link;
  const urls = message.body.match(/https?:\/\/\S+/g);
  const last = urls?.at(-1);
  if (!last) throw new Error(`SMS for invitation ${message.invitationId} carries no link for the template`);
  return last;
}

/**
 * The value of the template's link variable for `message`. In code mode (`message.code`) it is the
 * code, whatever `variable` says: the template then fixes the entry page, e.g.
 * `问题已办结，请打开 https://hf.example.gov.cn/c 输入评价码${code}`.
 */
export function linkVariableValue(message: SmsMessage, variable: LinkVariable): string {
  if (message.code !== undefined) return message.code;
  const link = linkOf(message);
  if (variable === 'url') return link;
  const url = new URL(link);
  const path = `${url.pathname.replace(/^\/+/, '')}${url.search}`;
  return variable === 'path' ? path : (url.pathname.split('/').filter(Boolean).at(-1) ?? path);
}

/** A template provider's template per purpose; a reminder falls back to the invitation template. */
export function templateFor(message: SmsMessage, templates: { invitation: string; reminder?: string | undefined }): string {
  return message.purpose === 'reminder' ? (templates.reminder ?? templates.invitation) : templates.invitation;
}
