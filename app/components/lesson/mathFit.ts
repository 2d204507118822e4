/**
 * How much a display formula is scaled to fit its box. Pure, so it is tested without a browser.
 * Below MIN_MATH_SCALE the text would be too small to read from the back of a classroom, so the
 * formula stops shrinking there and wraps at its = and + signs instead (RichText's MathBlock).
 */
export const MIN_MATH_SCALE = 0.6;

/** Scale in (MIN_MATH_SCALE, 1]: 1 when the formula fits, else the ratio that makes it fit. */
export function fitScale(available: number, needed: number, min = MIN_MATH_SCALE): number {
  if (!(available > 0) || !(needed > 0) || needed <= available) return 1;
  // A hair under the exact ratio, so rounding of glyph widths cannot push it back over.
  return Math.max(min, Math.floor((available / needed) * 100) / 100);
}
