/**
 * Reading undici responses the same way wherever the service makes outbound requests
 * (the fetcher, the OpenRTB transport, the creative downloader).
 */
import type { Dispatcher } from 'undici';

/** A header undici may hand over as a list: its first value. */
export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Headers as one lower-cased name → value record; repeated headers joined with ', '. */
export function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A network error's message with its code in front when it has one (ECONNRESET, UND_ERR_…). */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
