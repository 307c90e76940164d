/**
 * CRC_32 of the splice_info_section (SCTE 35 2022b §9.6, "CRC_32"; ISO/IEC 13818-1 Annex A):
 * polynomial 0x04C11DB7, initial value 0xFFFFFFFF, no reflection, no final XOR. Over the whole
 * section including its own four bytes, a correct CRC yields 0.
 */
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** MPEG-2 CRC-32 of `bytes[start, end)`, as an unsigned 32-bit number. */
export function crc32Mpeg2(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) ^ (TABLE[((crc >>> 24) ^ (bytes[i] ?? 0)) & 0xff] ?? 0)) >>> 0;
  }
  return crc >>> 0;
}
