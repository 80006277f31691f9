import { Hono } from 'hono';
import { enterSurveyCode } from '../../core/invitations/code-entry';
import { CodeForm, CodeLocked } from '../../../web/survey-code-page';
import { codeTexts } from '../../../web/survey-code-texts';
import { SurveyMessage } from '../../../web/survey-page';
import { surveyHref } from '../../../web/survey-view';
import type { ApiDeps } from '../env';
import { viewOf } from './survey-request';


/** A form field as text; anything else (a file, a repeated field) reads as empty. */
const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

/**
 * The code entry page of code mode, `/c`: no login. GET and HEAD only show the form; a POST with
 * the code and the last 4 digits of the phone opens the survey at `/s/{token}` (303), or says why
 * not: the code is wrong (404), the digits are (400), the code is locked (403), the survey is
 * answered (200) or expired (410), or this address tried too often (429).
 */
export function surveyCodeRoutes(deps: ApiDeps) {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/', (c) => c.html(<CodeForm view={viewOf(c)} />));

  app.post('/', async (c) => {
    const view = viewOf(c);
    const t = codeTexts[view.lang];
    const body = await c.req.parseBody();
    const code = field(body, 'code').slice(0, 64);
    const entry = await enterSurveyCode(deps.core, { code, digits: field(body, 'digits').slice(0, 64) }, deps.clientAddress(c));
    switch (entry.outcome) {
      case 'open':
        return c.redirect(surveyHref(`/s/${entry.token}`, view), 303);
      case 'malformed':
        return c.html(
          <CodeForm
            view={view}
            code={code}
            problems={{ ...(entry.fields.includes('code') ? { code: t.malformedCode } : {}), ...(entry.fields.includes('digits') ? { digits: t.malformedDigits } : {}) }}
          />,
          400,
        );
      case 'wrong-code':
        return c.html(<CodeForm view={view} code={code} problems={{ code: t.wrongCode }} />, 404);
      case 'wrong-digits':
        return c.html(<CodeForm view={view} code={code} problems={{ digits: t.wrongDigits.replace('{n}', String(entry.triesLeft)) }} />, 400);
      case 'locked':
        return c.html(<CodeLocked view={view} />, 403);
      case 'answered':
        return c.html(<SurveyMessage state="answered" view={view} path="/c" />, 200);
      case 'expired':
        return c.html(<SurveyMessage state="expired" view={view} path="/c" />, 410);
      case 'limited':
        c.header('Retry-After', String(entry.retryAfterSeconds));
        return c.html(<SurveyMessage state="limited" view={view} path="/c" />, 429);
    }
  });

  return app;
}
