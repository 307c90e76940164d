import type { ServerResponse } from 'node:http';

/**
 * Small response helpers shared by the demo origin and ad server (plain node:http, so the
 * handlers mount anywhere). Errors are JSON `{ code, message }` like the service's own.
 */
export const CONTENT_TYPE = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  mp4: 'video/mp4',
  xml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

export function sendText(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendText(res, status, CONTENT_TYPE.json, `${JSON.stringify(value)}\n`, { 'Cache-Control': 'no-store' });
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { code, message });
}
