import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../core/errors';
import { KEY_ATTRIBUTES } from './keys';

/** The entity stored in an item, without its key attributes. */
export function fromItem<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const entity: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_ATTRIBUTES.includes(name)) entity[name] = value;
  return entity as T;
}

/** An entity with its keys and item type, ready to put. */
export function toItem<T extends object>(type: string, entity: T, keys: Record<string, string | undefined>): Record<string, unknown> {
  return { ...entity, ...keys, type };
}

/** True when a write failed only because its condition did not hold (for a transaction: the item at `index`, or any). */
export function isConditionFailure(error: unknown, index?: number): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    return index === undefined ? reasons.some((r) => r.Code === 'ConditionalCheckFailed') : reasons[index]?.Code === 'ConditionalCheckFailed';
  }
  return false;
}

/** True when a transaction was cancelled because another transaction held an item it touched (e.g. a busy counter). */
export function isTransactionCollision(error: unknown): boolean {
  return error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
}

/** Encodes a LastEvaluatedKey as an opaque `nextCursor`. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

/**
 * Decodes a cursor from a client. It must be a flat object of strings whose partition attribute
 * equals the one being queried, so a forged cursor can neither fail the query nor leave the caller's scope.
 */
export function decodeCursor(cursor: string | undefined, partition: { name: string; value: string }): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const bad = () => new DomainError('validation.failed', 'The cursor is not valid for this list.', [{ code: 'cursor.invalid', path: 'cursor', message: 'use nextCursor from the previous page' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad();
  const entries = Object.entries(parsed);
  if (entries.length > 6 || !entries.every(([, v]) => typeof v === 'string' && v.length <= 512)) throw bad();
  const key = parsed as Record<string, string>;
  if (key[partition.name] !== partition.value || typeof key.PK !== 'string' || typeof key.SK !== 'string') throw bad();
  return key;
}
