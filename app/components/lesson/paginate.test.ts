import { describe, expect, it } from 'vitest';
import { paginate, stepView } from './paginate';

const col = (heights: number[], gap = 10) => {
  let top = 0;
  return heights.map((height) => {
    const b = { top, height };
    top += height + gap;
    return b;
  });
};

describe('projector pages', () => {
  it('keeps a card that fits on one page', () => {
    expect(paginate(col([100, 100, 100]), 320)).toEqual([[0, 1, 2]]);
  });
  it('breaks before the block that would run past the bottom, gaps counted', () => {
    // 100 + 10 + 100 + 10 + 100 = 320 > 300: the third block starts page two.
    expect(paginate(col([100, 100, 100, 50]), 300)).toEqual([[0, 1], [2, 3]]);
  });
  it('gives a block taller than the column a page of its own, and never an empty page', () => {
    expect(paginate(col([50, 400, 50]), 300)).toEqual([[0], [1], [2]]);
  });
  it('puts everything on one page when it cannot measure', () => {
    expect(paginate(col([100, 100]), 0)).toEqual([[0, 1]]);
    expect(paginate([], 300)).toEqual([[]]);
  });
  it('walks both columns together; the shorter one stays on its last page', () => {
    expect(stepView(0, 3, 1)).toEqual({ steps: 3, step: 0, text: 0, panels: 0 });
    expect(stepView(2, 3, 1)).toEqual({ steps: 3, step: 2, text: 2, panels: 0 });
    expect(stepView(1, 1, 2)).toEqual({ steps: 2, step: 1, text: 0, panels: 1 });
    expect(stepView(9, 2, 2).step).toBe(1);
    expect(stepView(-1, 0, 0)).toEqual({ steps: 1, step: 0, text: 0, panels: 0 });
  });
});
