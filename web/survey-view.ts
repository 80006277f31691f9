import type { Lang } from './layout';

/** How the reader asked to see the survey pages: language and large type, both carried in the URL. */
export interface SurveyView {
  lang: Lang;
  large: boolean;
}

/**
 * A survey page's URL that keeps the reader's view, so that a form post, a redirect or a switch
 * never loses the language or the large type (neither needs JavaScript or a cookie).
 *
 * @example
 * surveyHref('/s/abc', { lang: 'en', large: true }, { thanks: '1' }) // '/s/abc?thanks=1&lang=en&large=1'
 */
export function surveyHref(path: string, view: SurveyView, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (view.lang === 'en') params.set('lang', 'en');
  if (view.large) params.set('large', '1');
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
