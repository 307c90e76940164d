/**
 * Competitive separation: two ads from the same advertiser (any shared `adomain`), or, when
 * configured, of the same IAB category (any shared `cat`), never play in one pod. Pure.
 *
 * Domains are compared case-insensitively without a leading `www.` ("Ford.com" and
 * "www.ford.com" are one advertiser); categories case-insensitively as given ("IAB2-3" is
 * not "IAB2": a subcategory is a different category, as the IAB taxonomy defines it).
 */
export interface SeparationRules {
  readonly adomain: boolean;
  readonly cat: boolean;
}

export interface Separable {
  readonly adomains: readonly string[];
  readonly cats: readonly string[];
}

export function normalizeDomain(d: string): string {
  return d.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
}

export function normalizeDomains(ds: readonly string[] | undefined): string[] {
  return [...new Set((ds ?? []).map(normalizeDomain).filter((d) => d !== ''))].sort();
}

export function normalizeCats(cs: readonly string[] | undefined): string[] {
  return [...new Set((cs ?? []).map((c) => c.trim().toUpperCase()).filter((c) => c !== ''))].sort();
}

function shares(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Why `a` and `b` may not share a pod, or undefined when they may. */
export function conflictOf(a: Separable, b: Separable, rules: SeparationRules): 'adomain' | 'cat' | undefined {
  if (rules.adomain && shares(a.adomains, b.adomains)) return 'adomain';
  if (rules.cat && shares(a.cats, b.cats)) return 'cat';
  return undefined;
}
