import { manifestError, type ManifestError } from '../errors.js';

/**
 * Reads big-endian bit fields (the spec's `uimsbf`/`bslbf`) from a byte range. Values up to
 * 53 bits come back exact as `number` (33-bit PTS, 40-bit durations, 48-bit TAI seconds).
 *
 * Reading past the end never throws: it records one SCTE35_TRUNCATED error (the first one wins),
 * yields zeros from then on, and the structure decoder reports `error` when it finishes. Offsets in
 * errors are absolute byte positions in the whole message, also for sub-readers.
 */
export class BitReader {
  private bit: number;
  private readonly endBit: number;
  private failure: ManifestError | undefined;

  constructor(
    private readonly data: Uint8Array,
    startByte = 0,
    endByte = data.length,
    private readonly what = 'splice_info_section',
  ) {
    this.bit = startByte * 8;
    this.endBit = endByte * 8;
  }

  /** Absolute byte position of the next bit to read. */
  get offset(): number {
    return Math.floor(this.bit / 8);
  }

  get remainingBits(): number {
    return Math.max(0, this.endBit - this.bit);
  }

  get remainingBytes(): number {
    return Math.floor(this.remainingBits / 8);
  }

  get error(): ManifestError | undefined {
    return this.failure;
  }

  /** Records an error unless one is already recorded; later reads yield zeros. */
  fail(error: ManifestError): void {
    if (this.failure === undefined) this.failure = error;
    this.bit = this.endBit;
  }

  private ensure(bits: number): boolean {
    if (this.failure !== undefined) return false;
    if (this.bit + bits <= this.endBit) return true;
    const at = this.offset;
    this.fail(
      manifestError('SCTE35_TRUNCATED', `${this.what} ends at byte ${Math.floor(this.endBit / 8)}, before a field it declares (at byte ${at})`, {
        offset: at,
        structure: this.what,
      }),
    );
    return false;
  }

  /** An unsigned field of `bits` ≤ 53 bits. */
  uint(bits: number): number {
    if (!this.ensure(bits)) return 0;
    let value = 0;
    for (let i = 0; i < bits; i++) {
      const byte = this.data[this.bit >> 3] ?? 0;
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }

  flag(): boolean {
    return this.uint(1) === 1;
  }

  /** `n` whole bytes (a copy); the reader must be byte aligned. */
  bytes(n: number): Uint8Array {
    if (!this.ensure(n * 8)) return new Uint8Array(0);
    const start = this.bit >> 3;
    this.bit += n * 8;
    return this.data.slice(start, start + n);
  }

  /** The rest of the range as bytes. */
  rest(): Uint8Array {
    return this.bytes(this.remainingBytes);
  }

  /**
   * A reader over the next `n` bytes, which this reader skips. If fewer than `n` remain this reader
   * records the error and the sub-reader is empty.
   */
  sub(n: number, what: string): BitReader {
    const start = this.offset;
    if (!this.ensure(n * 8)) return new BitReader(this.data, start, start, what);
    this.bit += n * 8;
    return new BitReader(this.data, start, start + n, what);
  }
}
