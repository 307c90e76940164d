/**
 * What a session start learns about the viewer from the request: the query as player params
 * (`[player_params.NAME]`), the client IP (first X-Forwarded-For hop, else the socket), the
 * user agent and the referer. Bounded, so a crafted URL cannot bloat every stored session.
 */
import type { Request } from 'express';

const MAX_PARAMS = 32;
const MAX_NAME = 64;
const MAX_VALUE = 512;
const MAX_HEADER = 512;

/** Query names the service reads itself; they are not player params. */
export const SESSION_ID_PARAM = 'interlude.sessionId';

export function playerParamsOf(query: Request['query']): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [name, raw] of Object.entries(query)) {
    if (name === SESSION_ID_PARAM || name.length > MAX_NAME) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== 'string') continue;
    if (++n > MAX_PARAMS) break;
    out[name] = value.slice(0, MAX_VALUE);
  }
  return out;
}

export function clientIpOf(req: Request): string {
  const forwarded = req.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  if (first !== undefined && first !== '') return first.slice(0, 64);
  return (req.socket.remoteAddress ?? '').slice(0, 64);
}

export function headerOf(req: Request, name: string): string | undefined {
  const v = req.get(name);
  return v === undefined ? undefined : v.slice(0, MAX_HEADER);
}
