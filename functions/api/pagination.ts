import { z } from 'zod';

/** `limit` (default 50, at most 200) and `cursor` (from `nextCursor`) of every list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
