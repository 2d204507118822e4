import { describe, expect, it } from 'vitest';
import { votingMs } from './bot';

describe('votingMs', () => {
  it('adds up rounds that follow one another', () => {
    expect(votingMs([{ first: 0, last: 2000 }, { first: 5000, last: 6500 }])).toBe(3500);
  });

  it('counts time once when one room is on round 2 while another is still on round 1', () => {
    expect(votingMs([{ first: 0, last: 4000 }, { first: 3000, last: 7000 }])).toBe(7000);
    expect(votingMs([{ first: 3000, last: 7000 }, { first: 0, last: 8000 }])).toBe(8000);
  });

  it('ignores a round with no acknowledged vote', () => {
    expect(votingMs([{ first: Number.POSITIVE_INFINITY, last: 0 }, { first: 10, last: 20 }])).toBe(10);
    expect(votingMs([])).toBe(0);
  });
});
