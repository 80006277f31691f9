import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../core/errors';
import { errorMessages, fallbackError } from '../../../web/staff/messages';
import { MessagePage } from '../../../web/staff/staff-layout';
import type { ApiEnv } from '../env';
import { statusOf } from '../error-mapper';
import { endSession } from './session';

/**
 * How the staff pages answer an error: a page in Chinese with the mapped status, never a JSON body;
 * a session that no longer verifies goes back to sign-in.
 */
export function pageError(error: Error, c: Context<ApiEnv>): Response | Promise<Response> {
  const viewer = c.get('principal');
  if (error instanceof HTTPException) {
    const message = error.status === 403 ? (errorMessages.csrf ?? fallbackError) : fallbackError;
    return c.html(<MessagePage title="请求被拒绝" message={message} viewer={viewer} />, error.status);
  }
  if (error instanceof DomainError) {
    if (error.code === 'auth.invalid' || error.code === 'auth.missing') {
      endSession(c);
      return c.redirect('/app/login', 303);
    }
    const status = statusOf[error.code];
    const title = status === 404 ? '未找到' : status === 403 ? '无权访问' : '无法完成';
    return c.html(<MessagePage title={title} message={errorMessages[error.code] ?? fallbackError} viewer={viewer} />, status);
  }
  console.error(JSON.stringify({ level: 'error', message: 'unhandled', path: c.req.path, error: String(error), stack: error.stack }));
  return c.html(<MessagePage title="出错了" message="系统出现问题，请稍后重试。" viewer={viewer} />, 500);
}
