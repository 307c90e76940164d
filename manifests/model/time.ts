/**
 * Media time is kept as integer microseconds so that summing thousands of EXTINF values
 * never drifts (10.010 × 1800 must be exactly 18018 s). 2^53 µs is 285 years: plenty.
 */
export type Micros = number;

export const MICROS_PER_SECOND = 1_000_000;
export const TICKS_PER_SECOND = 90_000;

/**
 * Parses a decimal number of seconds as written in a playlist ("10", "10.010", "6.006000")
 * into exact microseconds, without going through a float. Returns undefined for text that
 * is not a non-negative decimal. Digits past the sixth decimal are rounded half-up.
 */
export function parseSecondsToMicros(text: string): Micros | undefined {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return undefined;
  const whole = Number(m[1]);
  const frac = m[2] ?? '';
  const first6 = Number((frac + '000000').slice(0, 6));
  const roundUp = frac.length > 6 && Number(frac[6]) >= 5 ? 1 : 0;
  const us = whole * MICROS_PER_SECOND + first6 + roundUp;
  return Number.isSafeInteger(us) ? us : undefined;
}

/** Seconds as a JSON-friendly number, to at most 6 decimals. */
export function microsToSeconds(us: Micros): number {
  return Math.round(us) / MICROS_PER_SECOND;
}

/** Shortest decimal text for a duration in seconds, e.g. 10010000 → "10.01", 6000000 → "6". */
export function formatMicros(us: Micros): string {
  const whole = Math.trunc(us / MICROS_PER_SECOND);
  const frac = us - whole * MICROS_PER_SECOND;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

/** 90 kHz ticks to microseconds, rounded to the nearest microsecond. */
export function ticksToMicros(ticks: number): Micros {
  return Math.round((ticks * 100) / 9);
}

export function microsToTicks(us: Micros): number {
  return Math.round((us * 9) / 100);
}
