/**
 * The pure core's error catalogue. Every failure the manifest engine, the cue readers or the
 * SCTE-35 codec can report has a code here, `<AREA>_<WHAT>`, with its severity and what its
 * context fields mean. `docs/errors.md` documents each code; a test keeps the two in step.
 *
 * - `recoverable`: the caller can go on without this piece (skip a cue, play content).
 * - `fatal`: the input as a whole cannot be used (a playlist that is not a playlist).
 */
export type Severity = 'recoverable' | 'fatal';

export interface ErrorCodeInfo {
  readonly severity: Severity;
  readonly description: string;
}

export const MANIFEST_ERROR_CODES = {
  SCTE35_TRUNCATED: { severity: 'recoverable', description: 'The message ended before a field it declares; `offset` is the byte where reading stopped.' },
  SCTE35_BAD_TABLE_ID: { severity: 'recoverable', description: 'table_id is not 0xFC; `offset` is 0.' },
  SCTE35_CRC_MISMATCH: { severity: 'recoverable', description: 'CRC_32 does not match the bytes; `offset` is where the CRC starts.' },
  SCTE35_LENGTH_OVERRUN: { severity: 'recoverable', description: 'A length field (section, command or descriptor loop) points past the end of its container; `offset` is the length field.' },
  SCTE35_ENCRYPTED: { severity: 'recoverable', description: 'encrypted_packet is set: the command cannot be read without the key; `offset` is the flag byte.' },
  SCTE35_BAD_ENCODING: { severity: 'recoverable', description: 'The text given is neither base64 nor hex; `offset` is the first bad character.' },
  SCTE35_UNKNOWN_COMMAND: { severity: 'recoverable', description: 'splice_command_type is reserved; `offset` is the command type byte.' },
  SCTE35_INVALID_FIELD: { severity: 'recoverable', description: 'A field holds a value the spec forbids; `offset` is the field, `field` names it.' },
  HLS_NOT_A_PLAYLIST: { severity: 'fatal', description: 'The text does not start with #EXTM3U; `line` is 1.' },
  HLS_BAD_ATTRIBUTE_LIST: { severity: 'recoverable', description: 'A tag attribute list could not be read; `line` is its line number.' },
  HLS_BAD_TAG_VALUE: { severity: 'recoverable', description: 'A tag value could not be read (EXTINF without a number, say); `line` is its line number.' },
  HLS_TOO_LARGE: { severity: 'fatal', description: 'The playlist exceeds the size bound given to the parser; `size` is its length.' },
  CUE_MALFORMED: { severity: 'recoverable', description: 'A cue tag could not be read; `line` and `dialect` say which.' },
  CUE_SCTE35_INVALID: { severity: 'recoverable', description: 'A cue carried an SCTE-35 message that does not decode; `cause` holds the codec error.' },
  CUE_UNMATCHED_IN: { severity: 'recoverable', description: 'A cue-in with no open break; `line` says where.' },
  SPLICE_STATE_INVALID: { severity: 'recoverable', description: 'A stored live splice state is not one this version wrote; `reason` says which field. Plan as for a first request.' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ManifestErrorCode = keyof typeof MANIFEST_ERROR_CODES;

/** An error value from the pure core. `context` holds the fields the code's description names. */
export interface ManifestError {
  readonly code: ManifestErrorCode;
  readonly message: string;
  readonly context?: Readonly<Record<string, string | number | boolean | null | ManifestError>>;
}

export function manifestError(code: ManifestErrorCode, message: string, context?: ManifestError['context']): ManifestError {
  return context === undefined ? { code, message } : { code, message, context };
}
