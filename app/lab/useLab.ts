'use client';
/**
 * The Lab's training loop. The worker trains; this hook asks it for a chunk of iterations at a time
 * (sized to about a quarter second, so pause and the charts respond quickly), then for a snapshot:
 * points and D's surface for 2-D data, a fixed-seed sample grid for images, and now and then the
 * classifier's histogram and Fréchet distance. The page never runs tensor work itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { labConfig, type LabSettings } from '@/ml/lab-settings';
import { isToy } from '@/ml/gan-config';
import type { TrainerClient } from '@/ml/trainer-client';
import { type LabState, afterSteps, checkpointSteps, evaluationDue, initialLabState as initial, nextIterations, restartKeyOf, withPoint } from './lab-state';

export { restartKeyOf };
export type { LabPoint, LabState, MetricPoint } from './lab-state';

/** An imported checkpoint waiting for the trainer of its own shape (the URL catches up a render later). */
export interface PendingCheckpoint {
  bytes: Uint8Array;
  key: string;
}

const SAMPLE_SEED = 1234;

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useLab(settings: LabSettings, restartKey: string, pendingCheckpoint: React.RefObject<PendingCheckpoint | null>) {
  const [state, setState] = useState<LabState>(initial);
  const client = useRef<TrainerClient | null>(null);
  const running = useRef(false);
  const busy = useRef<Promise<void>>(Promise.resolve());
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const interpSeeds = useRef<[number, number]>([11, 22]);
  const lastEval = useRef(0);
  const patch = (p: Partial<LabState> | ((s: LabState) => Partial<LabState>)) => setState((s) => ({ ...s, ...(typeof p === 'function' ? p(s) : p) }));

  /** One thing at a time on the worker's queue from this page, so a step button never interleaves a chunk. */
  const exclusive = useCallback((task: () => Promise<void>) => {
    busy.current = busy.current.then(task).catch((e) => patch({ error: errText(e) }));
    return busy.current;
  }, []);

  const refresh = useCallback(async (c: TrainerClient, evaluate: boolean) => {
    if (isToy(c.config.dataset)) {
      const snap = await c.toySnapshot(512, 48, SAMPLE_SEED);
      patch((st) => ({ snap, coverage: withPoint(st.coverage, st.steps, snap.coverage) }));
      return;
    }
    const [samples, interpolation] = await Promise.all([c.generate(16, SAMPLE_SEED), c.interpolate(interpSeeds.current[0], interpSeeds.current[1], 8)]);
    patch({ samples, interpolation });
    if (evaluate) {
      const evaluation = await c.evaluate(100);
      patch((st) => ({ evaluation, fid: withPoint(st.fid, st.steps, evaluation.fid) }));
    }
  }, []);

  // (Re)start the trainer when the model's shape, data, seed or backend change.
  useEffect(() => {
    let cancelled = false;
    running.current = false;
    setState({ ...initial });
    const s = settingsRef.current;
    const pending = pendingCheckpoint.current;
    const checkpoint = pending && pending.key === restartKeyOf(s) ? pending.bytes : undefined;
    if (checkpoint) pendingCheckpoint.current = null;
    void (async () => {
      try {
        const { TrainerClient } = await import('@/ml/trainer-client');
        const c = await TrainerClient.start({ config: labConfig(s), prefer: s.backend ? [s.backend] : undefined, seed: s.seed, checkpoint });
        if (cancelled) return c.dispose();
        client.current = c;
        const steps = checkpoint ? checkpointSteps(checkpoint) : 0;
        patch({ status: 'ready', backend: c.backend, config: { ...c.config }, steps });
        await exclusive(() => refresh(c, !isToy(c.config.dataset)));
      } catch (e) {
        if (!cancelled) patch({ status: 'error', error: errText(e) });
      }
    })();
    return () => {
      cancelled = true;
      running.current = false;
      client.current?.dispose();
      client.current = null;
    };
  }, [restartKey, pendingCheckpoint, exclusive, refresh]);

  // Tunable settings apply to the running trainer at once.
  useEffect(() => {
    const c = client.current;
    if (!c || state.status !== 'ready') return;
    void exclusive(async () => {
      const config = await c.configure({ loss: settings.loss, lrD: settings.lrD, lrG: settings.lrG, batchSize: settings.batchSize });
      patch({ config: { ...config } });
    });
  }, [settings.loss, settings.lrD, settings.lrG, settings.batchSize, state.status, exclusive]);

  const run = useCallback(async (dSteps: number, gSteps: number, iterations: number) => {
    const c = client.current;
    if (!c) return;
    const r = await c.steps(dSteps, gSteps, iterations);
    patch((st) => afterSteps(st, r, dSteps, gSteps));
    return r;
  }, []);

  const loop = useCallback(async () => {
    let iterations = 2;
    while (running.current && client.current) {
      const c = client.current;
      const s = settingsRef.current;
      await exclusive(async () => {
        const r = await run(s.dSteps, s.gSteps, iterations);
        if (!r) return;
        // Aim for ~250 ms of training between screen updates, whatever the backend's speed.
        iterations = nextIterations(r.ms, iterations);
        const due = evaluationDue(lastEval.current, r.optimizerSteps, isToy(c.config.dataset));
        lastEval.current = due.sinceLast;
        await refresh(c, due.evaluate);
      });
    }
  }, [exclusive, refresh, run]);

  const play = useCallback(() => {
    if (running.current || !client.current) return;
    running.current = true;
    patch({ running: true });
    void loop();
  }, [loop]);

  const pause = useCallback(() => {
    running.current = false;
    patch({ running: false });
  }, []);

  const step = useCallback((kind: 'd' | 'g') => {
    const c = client.current;
    if (!c || running.current) return;
    void exclusive(async () => {
      await run(kind === 'd' ? 1 : 0, kind === 'g' ? 1 : 0, 1);
      await refresh(c, false);
    });
  }, [exclusive, refresh, run]);

  const newInterpolation = useCallback(() => {
    const c = client.current;
    if (!c) return;
    interpSeeds.current = [Math.floor(Math.random() * 1e6), Math.floor(Math.random() * 1e6)];
    void exclusive(() => refresh(c, false));
  }, [exclusive, refresh]);

  const save = useCallback(async (): Promise<Uint8Array | null> => {
    const c = client.current;
    if (!c) return null;
    let bytes: Uint8Array | null = null;
    await exclusive(async () => {
      bytes = await c.save();
    });
    return bytes;
  }, [exclusive]);

  return { state, play, pause, step, newInterpolation, save };
}
