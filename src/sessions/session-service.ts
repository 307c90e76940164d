/**
 * Starts and finds viewer sessions. Everything an ad request template or a beacon needs
 * about the viewer is captured once, at start; later requests only carry the session id.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Session } from './session.js';
import type { SessionStore } from './session-store.js';
import { sessionNotFound } from './store-errors.js';

/** Idle expiry when the caller gives none. Live callers pass 10 × the playlist duration. */
export const DEFAULT_SESSION_TTL_MS = 10 * 60 * 1000;

/** What the HTTP layer knows about the viewer at session start. */
export interface SessionStartFacts {
  readonly playerParams: Readonly<Record<string, string>>;
  readonly clientIp: string;
  readonly userAgent: string;
  readonly referer?: string;
  readonly reportingMode: 'server' | 'client';
}

/**
 * 128 random bits in base64url: 22 characters where a UUID takes 36 (and carries 6 bits
 * less). A session id is in every manifest and ad segment URL the player sees, and in every
 * Redis key of the session.
 */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export interface SessionServiceDeps {
  readonly store: SessionStore;
  readonly clock: Clock;
  /** Default newSessionId(); ids must match state-keys isValidSessionId. */
  readonly newId?: () => string;
  readonly defaultTtlMs?: number;
}

export class SessionService {
  readonly #store: SessionStore;
  readonly #clock: Clock;
  readonly #newId: () => string;
  readonly #defaultTtlMs: number;

  constructor(deps: SessionServiceDeps) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#newId = deps.newId ?? newSessionId;
    this.#defaultTtlMs = deps.defaultTtlMs ?? DEFAULT_SESSION_TTL_MS;
  }

  /** Creates and stores a session; `ttlMs` is its idle expiry (sliding, refreshed by get). */
  async start(
    channelId: string,
    originPath: string,
    format: Session['format'],
    facts: SessionStartFacts,
    ttlMs: number = this.#defaultTtlMs,
    renditions?: string,
  ): Promise<Session> {
    const session: Session = {
      id: this.#newId(),
      channelId,
      originPath,
      format,
      playerParams: { ...facts.playerParams },
      clientIp: facts.clientIp,
      userAgent: facts.userAgent,
      reportingMode: facts.reportingMode,
      createdAtMs: this.#clock.nowMs(),
      ...(facts.referer !== undefined ? { referer: facts.referer } : {}),
      ...(renditions !== undefined ? { renditions } : {}),
    };
    await this.#store.create(session, ttlMs);
    return session;
  }

  /**
   * Records the rendition map fingerprint of an explicitly started session once its player
   * asked for the multivariant playlist (the session is stored again, its idle expiry
   * restarted; nothing else of it changes).
   */
  async recordRenditions(session: Session, renditions: string, ttlMs: number = this.#defaultTtlMs): Promise<Session> {
    const updated: Session = { ...session, renditions };
    await this.#store.create(updated, ttlMs);
    return updated;
  }

  /**
   * The session, its idle expiry refreshed. Rejects with SESSION_NOT_FOUND when it is
   * unknown, expired or malformed (HTTP: 404 JSON), STORE_UNAVAILABLE when the store is down.
   */
  async get(id: string): Promise<Session> {
    const session = await this.find(id);
    if (session === undefined) {
      throw sessionNotFound(id);
    }
    return session;
  }

  /** Like get, but `undefined` instead of SESSION_NOT_FOUND. */
  find(id: string): Promise<Session | undefined> {
    return this.#store.getAndTouch(id);
  }

  /** Ends a session and drops its state; unknown ids are a no-op. */
  end(id: string): Promise<void> {
    return this.#store.delete(id);
  }
}
