/**
 * Splits a card into projector steps. Nobody can scroll a projector, so a card whose text does not
 * fit the screen is shown a few blocks at a time and the host's "next" walks through them. Pure,
 * so it is tested without a browser: the card measures its blocks and passes their boxes in.
 */

/** One measured block: its top and height inside a column laid out without breaks. */
export interface Measured {
  top: number;
  height: number;
}

/**
 * Greedy pages of block indices: each page holds consecutive blocks whose extent (from the first
 * one's top to the last one's bottom, gaps included) fits `available`. A block taller than the
 * column still gets a page of its own, never an empty page.
 */
export function paginate(blocks: readonly Measured[], available: number): number[][] {
  if (blocks.length === 0) return [[]];
  if (!(available > 0)) return [blocks.map((_, i) => i)];
  const pages: number[][] = [];
  let page: number[] = [];
  let start = 0;
  blocks.forEach((b, i) => {
    if (page.length > 0 && b.top + b.height - start > available + 0.5) {
      pages.push(page);
      page = [];
    }
    if (page.length === 0) start = b.top;
    page.push(i);
  });
  pages.push(page);
  return pages;
}

/**
 * What step `step` of a card shows when its text has `textPages` pages and its data panels
 * `panelPages`: the column with fewer pages keeps showing its last one.
 */
export function stepView(step: number, textPages: number, panelPages: number): { steps: number; text: number; panels: number; step: number } {
  const steps = Math.max(1, textPages, panelPages);
  const s = Math.min(Math.max(0, step), steps - 1);
  return { steps, step: s, text: Math.min(s, Math.max(0, textPages - 1)), panels: Math.min(s, Math.max(0, panelPages - 1)) };
}
