// fast-check properties: decode(encode(x)) == x for generated well-formed sections, and no input
// (random bytes, random text, corrupted real messages) makes decodeScte35 throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CUEI_IDENTIFIER,
  SPLICE_COMMAND_TYPE,
  decodeScte35,
  encodeScte35,
  toBase64,
  toHex,
  type SegmentationUpid,
  type SpliceCommand,
  type SpliceDescriptor,
  type SpliceInfoSection,
  type SpliceTime,
} from '../../../manifests/scte35/index.js';
import { validCases, withCrc } from './fixture-cases.js';

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const u = (bits: number): fc.Arbitrary<number> => (bits <= 31 ? fc.integer({ min: 0, max: 2 ** bits - 1 }) : fc.maxSafeNat().map((n) => n % 2 ** bits));
const bytes = (max: number) => fc.uint8Array({ maxLength: max });
const reserved = fc.constantFrom(undefined, 0);

const spliceTime: fc.Arbitrary<SpliceTime> = fc.oneof(
  reserved.map((r) => strip({ timeSpecifiedFlag: false, reserved: r })),
  fc.tuple(u(33), reserved).map(([ptsTime, r]) => strip({ timeSpecifiedFlag: true, ptsTime, reserved: r })),
);
const breakDuration = fc.record({ autoReturn: fc.boolean(), duration: u(33) });

const spliceInsert: fc.Arbitrary<SpliceCommand> = fc
  .record({
    id: u(32), cancel: fc.boolean(), out: fc.boolean(), program: fc.boolean(), immediate: fc.boolean(), compliance: fc.boolean(),
    time: spliceTime, comps: fc.array(fc.tuple(u(8), spliceTime), { maxLength: 4 }), bd: fc.option(breakDuration, { nil: undefined }),
    upid: u(16), num: u(8), exp: u(8), r1: reserved, r2: reserved,
  })
  .map((g) =>
    g.cancel
      ? strip({ type: 'splice_insert' as const, spliceEventId: g.id, spliceEventCancelIndicator: true, reserved: g.r1 })
      : strip({
          type: 'splice_insert' as const, spliceEventId: g.id, spliceEventCancelIndicator: false, reserved: g.r1,
          outOfNetworkIndicator: g.out, programSpliceFlag: g.program, durationFlag: g.bd !== undefined, spliceImmediateFlag: g.immediate,
          eventIdComplianceFlag: g.compliance, reserved2: g.r2,
          spliceTime: g.program && !g.immediate ? g.time : undefined,
          components: g.program ? undefined : g.comps.map(([componentTag, t]) => (g.immediate ? { componentTag } : { componentTag, spliceTime: t })),
          breakDuration: g.bd, uniqueProgramId: g.upid, availNum: g.num, availsExpected: g.exp,
        }),
  );

const scheduleEvent = fc
  .record({ id: u(32), cancel: fc.boolean(), out: fc.boolean(), program: fc.boolean(), utc: u(32), comps: fc.array(fc.tuple(u(8), u(32)), { maxLength: 3 }), bd: fc.option(breakDuration, { nil: undefined }), upid: u(16), num: u(8), exp: u(8) })
  .map((g) =>
    g.cancel
      ? { spliceEventId: g.id, spliceEventCancelIndicator: true }
      : strip({
          spliceEventId: g.id, spliceEventCancelIndicator: false, outOfNetworkIndicator: g.out, programSpliceFlag: g.program, durationFlag: g.bd !== undefined,
          utcSpliceTime: g.program ? g.utc : undefined, components: g.program ? undefined : g.comps.map(([componentTag, utcSpliceTime]) => ({ componentTag, utcSpliceTime })),
          breakDuration: g.bd, uniqueProgramId: g.upid, availNum: g.num, availsExpected: g.exp,
        }),
  );

const command: fc.Arbitrary<SpliceCommand> = fc.oneof(
  fc.constant<SpliceCommand>({ type: 'splice_null' }),
  fc.constant<SpliceCommand>({ type: 'bandwidth_reservation' }),
  spliceTime.map((t): SpliceCommand => ({ type: 'time_signal', spliceTime: t })),
  spliceInsert,
  fc.array(scheduleEvent, { maxLength: 3 }).map((events): SpliceCommand => ({ type: 'splice_schedule', events })),
  fc.tuple(u(32), bytes(16)).map(([identifier, privateBytes]): SpliceCommand => ({ type: 'private_command', identifier, privateBytes })),
);

const plainUpid: fc.Arbitrary<SegmentationUpid> = fc
  .tuple(u(8).filter((t) => t < 0x0b || t > 0x0d), bytes(20))
  .map(([segmentationUpidType, b]) => ({ kind: 'bytes', segmentationUpidType, bytes: b }));
const structuredUpid: fc.Arbitrary<SegmentationUpid> = fc.oneof(
  fc.record({ tsid: u(16), reserved, endOfDay: u(5), uniqueFor: u(9), contentId: bytes(12) }).map((g) => strip({ kind: 'atsc' as const, segmentationUpidType: 0x0b as const, ...g })),
  fc.record({ formatIdentifier: u(32), privateData: bytes(12) }).map((g) => ({ kind: 'mpu' as const, segmentationUpidType: 0x0c as const, ...g })),
);
const upid: fc.Arbitrary<SegmentationUpid> = fc.oneof(
  plainUpid,
  structuredUpid,
  fc.array(fc.oneof(plainUpid, structuredUpid), { maxLength: 4 }).map((upids): SegmentationUpid => ({ kind: 'mid', segmentationUpidType: 0x0d, upids })),
);

const segmentation: fc.Arbitrary<SpliceDescriptor> = fc
  .record({
    id: u(32), cancel: fc.boolean(), compliance: fc.boolean(), program: fc.boolean(), dur: fc.option(u(40), { nil: undefined }),
    restricted: fc.boolean(), web: fc.boolean(), regional: fc.boolean(), archive: fc.boolean(), device: u(2),
    comps: fc.array(fc.record({ componentTag: u(8), ptsOffset: u(33) }), { maxLength: 4 }), upid, typeId: u(8), num: u(8), exp: u(8),
    sub: fc.option(fc.tuple(u(8), u(8)), { nil: undefined }), r1: reserved, r2: reserved,
  })
  .map((g): SpliceDescriptor => {
    const head = { type: 'segmentation_descriptor' as const, identifier: CUEI_IDENTIFIER, segmentationEventId: g.id, segmentationEventCancelIndicator: g.cancel, segmentationEventIdComplianceIndicator: g.compliance, reserved: g.r1 };
    if (g.cancel) return strip(head);
    return strip({
      ...head,
      programSegmentationFlag: g.program, segmentationDurationFlag: g.dur !== undefined, deliveryNotRestrictedFlag: !g.restricted,
      ...(g.restricted ? { webDeliveryAllowedFlag: g.web, noRegionalBlackoutFlag: g.regional, archiveAllowedFlag: g.archive, deviceRestrictions: g.device } : { reserved2: g.r2 }),
      components: g.program ? undefined : g.comps, segmentationDuration: g.dur, segmentationUpid: g.upid,
      segmentationTypeId: g.typeId, segmentNum: g.num, segmentsExpected: g.exp, subSegmentNum: g.sub?.[0], subSegmentsExpected: g.sub?.[1],
    });
  });

const descriptor: fc.Arbitrary<SpliceDescriptor> = fc.oneof(
  segmentation,
  u(32).map((providerAvailId): SpliceDescriptor => ({ type: 'avail_descriptor', identifier: CUEI_IDENTIFIER, providerAvailId })),
  fc.tuple(u(8), fc.stringMatching(/^[0-9*#]{0,7}$/)).map(([preroll, dtmfChars]): SpliceDescriptor => ({ type: 'dtmf_descriptor', identifier: CUEI_IDENTIFIER, preroll, dtmfChars })),
  fc.tuple(u(48), u(32), u(16)).map(([taiSeconds, taiNs, utcOffset]): SpliceDescriptor => ({ type: 'time_descriptor', identifier: CUEI_IDENTIFIER, taiSeconds, taiNs, utcOffset })),
  fc
    .array(fc.record({ componentTag: u(8), isoCode: fc.stringMatching(/^[a-z]{3}$/), bitStreamMode: u(3), numChannels: u(4), fullSrvcAudio: fc.boolean() }), { maxLength: 15 })
    .map((components): SpliceDescriptor => ({ type: 'audio_descriptor', identifier: CUEI_IDENTIFIER, components })),
  fc.tuple(u(8), u(32).filter((i) => i !== CUEI_IDENTIFIER), bytes(30)).map(([spliceDescriptorTag, identifier, privateBytes]): SpliceDescriptor => ({ type: 'private_descriptor', spliceDescriptorTag, identifier, privateBytes })),
);

const sectionArb: fc.Arbitrary<SpliceInfoSection> = fc
  .record({
    ssi: fc.boolean(), pi: fc.boolean(), sap: u(2), pv: u(8), alg: u(6), adj: u(33), cw: u(8), tier: u(12), legacy: fc.boolean(),
    command, descriptors: fc.array(descriptor, { maxLength: 4 }), stuffing: fc.option(fc.uint8Array({ minLength: 1, maxLength: 4 }), { nil: undefined }),
  })
  .map((g) =>
    strip({
      tableId: 0xfc, sectionSyntaxIndicator: g.ssi, privateIndicator: g.pi, sapType: g.sap, sectionLength: 0, protocolVersion: g.pv,
      encryptedPacket: false, encryptionAlgorithm: g.alg, ptsAdjustment: g.adj, cwIndex: g.cw, tier: g.tier,
      // A private_command with the legacy length would swallow the descriptor loop: its end is unknowable.
      spliceCommandLength: g.legacy && g.command.type !== 'private_command' ? 0xfff : 0,
      spliceCommandType: SPLICE_COMMAND_TYPE[g.command.type], spliceCommand: g.command, descriptorLoopLength: 0,
      spliceDescriptors: g.descriptors, alignmentStuffing: g.stuffing, crc32: 0,
    }),
  );

/** The fields the encoder computes rather than copies. */
function withoutDerived(s: SpliceInfoSection): Omit<SpliceInfoSection, 'sectionLength' | 'spliceCommandLength' | 'descriptorLoopLength' | 'crc32'> {
  const { sectionLength: _a, spliceCommandLength: _b, descriptorLoopLength: _c, crc32: _d, ...rest } = s;
  return rest;
}

describe('SCTE-35 codec properties', () => {
  it('decode(encode(x)) equals x for well-formed sections', () => {
    fc.assert(
      fc.property(sectionArb, (x) => {
        const encoded = encodeScte35(x);
        const r = decodeScte35(encoded);
        if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
        expect(withoutDerived(r.value)).toEqual(withoutDerived(x));
        expect(r.value.sectionLength).toBe(encoded.length - 3);
        expect(r.value.spliceCommandLength === 0xfff).toBe(x.spliceCommandLength === 0xfff);
        expect(toHex(encodeScte35(r.value))).toBe(toHex(encoded));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes the same section from bytes, base64 and hex', () => {
    fc.assert(
      fc.property(sectionArb, (x) => {
        const b = encodeScte35(x);
        const a = decodeScte35(b);
        expect(decodeScte35(toBase64(b))).toEqual(a);
        expect(decodeScte35(`0x${toHex(b)}`)).toEqual(a);
        expect(decodeScte35(toHex(b).toUpperCase())).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (b, ignoreCrc) => {
        expect(() => decodeScte35(b, { ignoreCrc })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random bytes that start like a section', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 200 }), (b) => {
        const msg = Uint8Array.of(0xfc, 0x30, b.length, ...b);
        expect(() => decodeScte35(msg, { ignoreCrc: true })).not.toThrow();
        const r = decodeScte35(withCrc(msg));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(() => decodeScte35(s)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on corrupted real messages (CRC fixed up so the parser runs)', () => {
    const messages = validCases.map((c) => encodeScte35(c.section));
    fc.assert(
      fc.property(fc.constantFrom(...messages), fc.nat(), u(8), (m, at, value) => {
        const corrupt = m.slice();
        corrupt[at % (m.length - 4)] = value;
        let r: ReturnType<typeof decodeScte35> | undefined;
        expect(() => {
          r = decodeScte35(withCrc(corrupt));
        }).not.toThrow();
        if (r !== undefined && !r.ok) expect(typeof r.error.context?.offset).toBe('number');
      }),
      { numRuns: 3000 },
    );
  });
});
