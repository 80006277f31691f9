import { Hono } from 'hono';
import { HomePage, type HomeLink } from '../../../web/home-page';

/** The links every host shows on its front page. */
export const apiLinks: HomeLink[] = [{ href: '/api/v1/openapi.json', label: 'API 文档 (OpenAPI)', note: 'staff JSON API, Bearer JWT' }];

/** `GET /`: the front page, with the host's own links. */
export function homeRoutes(links: HomeLink[]) {
  return new Hono().get('/', (c) => c.html(<HomePage links={links} />));
}
