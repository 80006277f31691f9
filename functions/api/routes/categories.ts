import { Hono } from 'hono';
import { categoriesOf } from '../../core/ledger/categories';
import type { ApiDeps, ApiEnv } from '../env';

/**
 * `/api/v1/categories`: the ledger's categories with the working days each callback is due in,
 * for any signed-in staff (the issue form offers exactly these).
 */
export function categoryRoutes(deps: ApiDeps) {
  const settings = deps.core.settings;
  return new Hono<ApiEnv>().get('/', (c) => c.json({ items: categoriesOf(settings), nextCursor: null }));
}
