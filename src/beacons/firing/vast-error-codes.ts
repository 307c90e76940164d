/**
 * VAST error codes for `[ERRORCODE]` (VAST 4.1 §2.3.6.3, "VAST Error Codes" table), as
 * named values so a caller that drops an ad says why in the spec's words.
 */
export const VAST_ERROR = {
  XML_PARSING: 100,
  SCHEMA_VALIDATION: 101,
  VERSION_NOT_SUPPORTED: 102,
  TRAFFICKING: 200,
  UNEXPECTED_LINEARITY: 201,
  UNEXPECTED_DURATION: 202,
  UNEXPECTED_SIZE: 203,
  AD_CATEGORY_REQUIRED: 204,
  WRAPPER_GENERAL: 300,
  /** Timeout of the VAST URI given by a Wrapper (or of the wrapper chain). */
  WRAPPER_TIMEOUT: 301,
  WRAPPER_LIMIT_REACHED: 302,
  /** No VAST response after one or more Wrappers. */
  WRAPPER_NO_ADS: 303,
  INLINE_DISPLAY_TIMEOUT: 304,
  LINEAR_GENERAL: 400,
  FILE_NOT_FOUND: 401,
  /** Timeout of a MediaFile URI. */
  MEDIA_FILE_TIMEOUT: 402,
  /** No MediaFile with a supported type / attributes (for us: no HLS rendition we can splice). */
  NO_SUPPORTED_MEDIA_FILE: 403,
  /** Problem displaying the MediaFile (for us: conditioning or packaging failed). */
  MEDIA_FILE_DISPLAY_PROBLEM: 405,
  MEZZANINE_REQUIRED: 406,
  MEZZANINE_DOWNLOADING: 407,
  CONDITIONAL_AD_REJECTED: 408,
  INTERACTIVE_UNIT_NOT_EXECUTED: 409,
  VERIFICATION_UNIT_NOT_EXECUTED: 410,
  NONLINEAR_GENERAL: 500,
  COMPANION_GENERAL: 600,
  UNDEFINED: 900,
  VPAID_GENERAL: 901,
} as const;

export type VastErrorCode = (typeof VAST_ERROR)[keyof typeof VAST_ERROR];
