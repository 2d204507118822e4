import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../ml/checkpoint';
import { LEVELS } from '../../game/levels';
import { hostCheckpoint } from './checkpoint';

describe('hostCheckpoint (the body bench:load uploads after every training)', () => {
  it('is the whole training state a host uploads, not the shipped weights-only float16 file', async () => {
    const cp = await hostCheckpoint('strokes');
    expect(cp.shipped).toBe(`public/checkpoints/${LEVELS.strokes.checkpoint}.ganc`);
    const decoded = decodeCheckpoint(cp.bytes);
    const groups = new Set(decoded.tensors.map((t) => t.group));
    expect([...groups].sort()).toEqual(['D', 'G', 'optD', 'optG']);
    expect(decoded.tensors.every((t) => (t.dtype ?? 'float32') === 'float32')).toBe(true);
    expect(decoded.config).toMatchObject(LEVELS.strokes.model);
    // float32 instead of float16 (×2), plus Adam's two moments per trainable weight (×3): about six times the file.
    expect(cp.bytes.length / cp.shippedBytes!).toBeGreaterThan(5.5);
    expect(cp.bytes.length / cp.shippedBytes!).toBeLessThan(6.5);
  });
});
