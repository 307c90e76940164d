/**
 * Drops keys whose value is `undefined`, so a decoded structure carries exactly the fields that
 * were on the wire (conditional syntax ↔ optional property) and compares equal to a literal.
 */
export function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
