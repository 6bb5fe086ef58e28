/** Text normalisation shared by search and sort, so "beyonce" finds "Beyoncé" and sorting ignores case. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Lower-case, accent-free form of a string (NFKD, combining marks dropped). */
export function normalizeText(value: string): string {
  return value.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}
