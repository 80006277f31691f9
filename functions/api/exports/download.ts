import type { Context } from 'hono';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 5987 percent-encoding: encodeURIComponent leaves `'()*` bare, which the ext-value grammar does not allow. */
const rfc5987 = (text: string) => encodeURIComponent(text).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `Content-Disposition: attachment` with an ASCII `filename` for old clients and the Chinese name as
 * RFC 5987 `filename*` for the rest (Excel, WPS and every current browser read it).
 *
 * @example attachment('scores.csv', '满意度.csv') // attachment; filename="scores.csv"; filename*=UTF-8''%E6%BB%A1%E6%84%8F%E5%BA%A6.csv
 */
export function attachment(asciiName: string, name: string): string {
  const fallback = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** Answers a download: the bytes, their type, an attachment name, and no caching (scores change by the minute). */
export function download(c: Context, bytes: Uint8Array, file: { type: string; asciiName: string; name: string }): Response {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': file.type,
    'Content-Disposition': attachment(file.asciiName, file.name),
    'Cache-Control': 'no-store',
  });
}
