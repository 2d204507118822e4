/** The trajectory specs' pure helpers: the learning-rate decay and the save points. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../ml/checkpoint';
import { CHECKPOINT_DIR, CHECKPOINT_SPECS, TRAJECTORY_DIR, TRAJECTORY_SPECS, checkpointFile, decayedRate, isSavePoint, parseTrajectoryPoint, trajectoryPoint } from './checkpoint-specs';

const root = path.resolve(__dirname, '..');

describe('trajectory specs', () => {
  it('decay: the base rate until `from`, halved every halfLife, never below the floor', () => {
    const d = { from: 3000, halfLife: 3000, floor: 5e-5 };
    expect(decayedRate(4e-4, 0, d)).toBe(4e-4);
    expect(decayedRate(4e-4, 2999, d)).toBe(4e-4);
    expect(decayedRate(4e-4, 3000, d)).toBe(4e-4);
    expect(decayedRate(4e-4, 6000, d)).toBeCloseTo(2e-4, 12);
    expect(decayedRate(4e-4, 9000, d)).toBeCloseTo(1e-4, 12);
    expect(decayedRate(4e-4, 100_000, d)).toBe(5e-5);
    // Monotone: a resumed run never sees the rate go back up.
    for (let s = 0; s < 20_000; s += 97) expect(decayedRate(4e-4, s + 97, d)).toBeLessThanOrEqual(decayedRate(4e-4, s, d));
  });

  it('parses a point name back to its trajectory and step, and nothing else', () => {
    expect(parseTrajectoryPoint(trajectoryPoint('digits-wide', 13735))).toEqual({ trajectory: 'digits-wide', steps: 13735 });
    for (const bad of ['digits-dcgan', 'trajectory/digits/step-', 'trajectory/a/b/step-5', 'x/trajectory/digits/step-5']) expect(parseTrajectoryPoint(bad)).toBeUndefined();
  });

  it('save points: the listed steps, then every `every` after the last', () => {
    const s = { saveAt: [50, 150, 400, 1000, 2500, 5000], every: 2500 };
    const points = Array.from({ length: 20_000 }, (_, i) => i + 1).filter((i) => isSavePoint(i, s));
    expect(points).toEqual([50, 150, 400, 1000, 2500, 5000, 7500, 10_000, 12_500, 15_000, 17_500, 20_000]);
  });

  it('average G with a decay in (0, 1), probe more often than they save, and name a batch norm choice', () => {
    for (const t of TRAJECTORY_SPECS) {
      if (!t.ema) continue;
      expect(t.ema.decay).toBeGreaterThan(0.9);
      expect(t.ema.decay).toBeLessThan(1);
      expect(t.ema.probeEvery).toBeLessThan(t.every);
      expect(['live', 'recompute']).toContain(t.ema.bn);
    }
  });

  it("a stage starts from a committed point of a trajectory of its own shape, and its points carry that point's D where it says", () => {
    const stages = TRAJECTORY_SPECS.filter((t) => t.startFrom);
    expect(stages.length).toBeGreaterThan(0);
    for (const t of stages) {
      const source = parseTrajectoryPoint(t.startFrom!.point);
      expect(source).toBeDefined();
      expect(TRAJECTORY_SPECS.find((s) => s.name === source!.trajectory)?.model).toEqual(t.model);
      const start = path.join(root, CHECKPOINT_DIR, checkpointFile(t.startFrom!.point));
      expect(existsSync(start)).toBe(true);
      if (t.startFrom!.savedDiscriminator !== 'point') continue;
      const d = (file: string) => decodeCheckpoint(new Uint8Array(readFileSync(file))).tensors.filter((x) => x.group === 'D').map((x) => Array.from(x.data));
      const want = d(start);
      const dir = path.join(root, TRAJECTORY_DIR, t.name);
      const points = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ganc')) : [];
      for (const f of points) expect(d(path.join(dir, f)), f).toEqual(want);
    }
  });

  it('are not level checkpoints, and use shapes the levels use', () => {
    const names = new Set(CHECKPOINT_SPECS.map((c) => c.name));
    for (const t of TRAJECTORY_SPECS) expect(names.has(t.name)).toBe(false);
    const dcgan = CHECKPOINT_SPECS.find((c) => c.name === 'digits-dcgan')!;
    const digits = TRAJECTORY_SPECS.find((t) => t.name === 'digits')!;
    expect(digits.model).toEqual(dcgan.model);
  });
});

describe('eval-checkpoints', () => {
  it('lists the level checkpoints, then each trajectory in step order, and nothing else', async () => {
    const { listCheckpoints } = await import('./eval-checkpoints');
    const tree: Record<string, string[]> = {
      'public/checkpoints': ['b.ganc', 'a.ganc', 'trajectory', 'notes.txt'],
      'public/checkpoints/trajectory': ['fashion', 'eval.json', 'digits'],
      'public/checkpoints/trajectory/digits': ['step-1000.ganc', 'step-50.ganc', 'step-50.png', 'manifest.json', 'step-150.ganc'],
      'public/checkpoints/trajectory/fashion': ['step-50.ganc'],
    };
    expect(listCheckpoints((rel) => tree[rel] ?? [])).toEqual([
      'public/checkpoints/a.ganc',
      'public/checkpoints/b.ganc',
      'public/checkpoints/trajectory/digits/step-50.ganc',
      'public/checkpoints/trajectory/digits/step-150.ganc',
      'public/checkpoints/trajectory/digits/step-1000.ganc',
      'public/checkpoints/trajectory/fashion/step-50.ganc',
    ]);
  });
});
