/**
 * Frame rates as ffmpeg wants them. HLS FRAME-RATE carries a decimal (29.970); encoders need
 * the NTSC rational (30000/1001) or the GOP drifts by a frame every ~33 s. Pure.
 */
const NTSC: readonly (readonly [number, string])[] = [
  [23.976, '24000/1001'],
  [29.97, '30000/1001'],
  [59.94, '60000/1001'],
  [47.952, '48000/1001'],
  [119.88, '120000/1001'],
];

export function fpsToRational(fps: number): string {
  for (const [value, rational] of NTSC) if (Math.abs(fps - value) < 0.01) return rational;
  const rounded = Math.round(fps * 1000) / 1000;
  return Number.isInteger(rounded) ? String(rounded) : `${Math.round(rounded * 1000)}/1000`;
}

/** Parses `30000/1001`, `25/1` or `25`; 0 when unreadable or 0/0. */
export function rationalToFps(text: string | undefined): number {
  if (text === undefined) return 0;
  const [a, b] = text.split('/');
  const num = Number(a);
  const den = b === undefined ? 1 : Number(b);
  if (!Number.isFinite(num) || !Number.isFinite(den) || den === 0) return 0;
  return num / den;
}
