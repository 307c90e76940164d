/**
 * segmentation_type_id values and names (SCTE 35 2022b §10.3.3.1, segmentation_type_id table).
 */
const NAMES: Readonly<Record<number, string>> = {
  0x00: 'Not Indicated',
  0x01: 'Content Identification',
  0x02: 'Call Ad Server',
  0x10: 'Program Start',
  0x11: 'Program End',
  0x12: 'Program Early Termination',
  0x13: 'Program Breakaway',
  0x14: 'Program Resumption',
  0x15: 'Program Runover Planned',
  0x16: 'Program Runover Unplanned',
  0x17: 'Program Overlap Start',
  0x18: 'Program Blackout Override',
  0x19: 'Program Join',
  0x20: 'Chapter Start',
  0x21: 'Chapter End',
  0x22: 'Break Start',
  0x23: 'Break End',
  0x24: 'Opening Credit Start',
  0x25: 'Opening Credit End',
  0x26: 'Closing Credit Start',
  0x27: 'Closing Credit End',
  0x30: 'Provider Advertisement Start',
  0x31: 'Provider Advertisement End',
  0x32: 'Distributor Advertisement Start',
  0x33: 'Distributor Advertisement End',
  0x34: 'Provider Placement Opportunity Start',
  0x35: 'Provider Placement Opportunity End',
  0x36: 'Distributor Placement Opportunity Start',
  0x37: 'Distributor Placement Opportunity End',
  0x38: 'Provider Overlay Placement Opportunity Start',
  0x39: 'Provider Overlay Placement Opportunity End',
  0x3a: 'Distributor Overlay Placement Opportunity Start',
  0x3b: 'Distributor Overlay Placement Opportunity End',
  0x3c: 'Provider Promo Start',
  0x3d: 'Provider Promo End',
  0x3e: 'Distributor Promo Start',
  0x3f: 'Distributor Promo End',
  0x40: 'Unscheduled Event Start',
  0x41: 'Unscheduled Event End',
  0x42: 'Alternate Content Opportunity Start',
  0x43: 'Alternate Content Opportunity End',
  0x44: 'Provider Ad Block Start',
  0x45: 'Provider Ad Block End',
  0x46: 'Distributor Ad Block Start',
  0x47: 'Distributor Ad Block End',
  0x50: 'Network Start',
  0x51: 'Network End',
};

/** The spec's name of a segmentation_type_id, or "Reserved" for values the table does not list. */
export function segmentationTypeName(id: number): string {
  return NAMES[id] ?? 'Reserved';
}

/**
 * segmentation_type_ids that open an ad break for a cue reader (`spliceSummary` kind 'out'):
 * Break Start, the advertisement and placement-opportunity starts, and the ad-block starts.
 * Program, chapter, unscheduled-event, promo and overlay starts are left out on purpose: they
 * mark content structure or graphics, not time that may be replaced by ads, and an origin that
 * signals a program start must not have its programme replaced by a pod.
 */
export const BREAK_START_SEGMENTATION_TYPES: ReadonlySet<number> = new Set([
  0x22, 0x30, 0x32, 0x34, 0x36, 0x44, 0x46,
]);

/** The matching ends (each start + 1): `spliceSummary` kind 'in'. */
export const BREAK_END_SEGMENTATION_TYPES: ReadonlySet<number> = new Set([
  0x23, 0x31, 0x33, 0x35, 0x37, 0x45, 0x47,
]);
