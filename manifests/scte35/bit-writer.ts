/**
 * Writes big-endian bit fields. Each value is reduced modulo 2^bits, so an out-of-range value
 * cannot spill into its neighbours (the encoder has no error channel: see `encodeScte35`).
 */
export class BitWriter {
  private readonly out: number[] = [];
  private current = 0;
  private used = 0;

  /** Bits written so far. */
  get bitLength(): number {
    return this.out.length * 8 + this.used;
  }

  uint(bits: number, value: number): void {
    const limit = 2 ** bits;
    const v = ((Math.trunc(value) % limit) + limit) % limit;
    for (let i = bits - 1; i >= 0; i--) {
      const bit = Math.floor(v / 2 ** i) % 2;
      this.current = (this.current << 1) | bit;
      this.used++;
      if (this.used === 8) {
        this.out.push(this.current);
        this.current = 0;
        this.used = 0;
      }
    }
  }

  flag(value: boolean | undefined): void {
    this.uint(1, value === true ? 1 : 0);
  }

  /** Reserved bits: all ones unless the model kept other values. */
  reserved(bits: number, kept: number | undefined): void {
    this.uint(bits, kept ?? 2 ** bits - 1);
  }

  bytes(data: Uint8Array): void {
    if (this.used === 0) {
      for (const b of data) this.out.push(b);
      return;
    }
    for (const b of data) this.uint(8, b);
  }

  /** The bytes written; a partial last byte is padded with zero bits. */
  finish(): Uint8Array {
    const result = Uint8Array.from(this.out);
    if (this.used === 0) return result;
    const padded = new Uint8Array(result.length + 1);
    padded.set(result);
    padded[result.length] = this.current << (8 - this.used);
    return padded;
  }
}

/** Reserved bits as decoded: `undefined` when they are all ones (the value the spec asks for). */
export function keptReserved(value: number, bits: number): number | undefined {
  return value === 2 ** bits - 1 ? undefined : value;
}
