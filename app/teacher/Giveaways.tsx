/**
 * The session page's giveaways: every fake the class marked, with where the players who called it fake
 * tapped (the same heat map as the projector's reveal), round by round.
 */
import { GiveawayImage } from '@/app/components/GiveawayHeat';
import type { GiveawayReport } from '@/server/db/report';

/** Every word this file puts on screen, in one place for translation. */
export const GIVEAWAYS_TEXT = {
  title: 'What gave the fakes away',
  note: 'After calling an image fake, a player could tap the spot that gave it away. Each fake below shows where they tapped: the numbered rings are the busiest spots, with how many tapped there.',
  none: 'Nobody marked a giveaway in this session.',
  image: (round: number) => `Round ${round} fake`,
  round: (round: number, level: string) => `Round ${round} · ${level}`,
  marked: (taps: number, fakeVotes: number) => `${taps} of ${fakeVotes} who called it fake marked it`,
};

export function Giveaways({ giveaways, levelName }: { giveaways: GiveawayReport[]; levelName: (level: number) => string }) {
  return (
    <section className="rounded-2xl border border-edge bg-panel p-5" data-testid="giveaways">
      <h2 className="text-xl font-bold">{GIVEAWAYS_TEXT.title}</h2>
      <p className="mt-1 text-sm text-slate-400">{GIVEAWAYS_TEXT.note}</p>
      {giveaways.length === 0 ? (
        <p className="mt-4 text-slate-400">{GIVEAWAYS_TEXT.none}</p>
      ) : (
        <ul className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-6">
          {giveaways.map((g) => (
            <li key={`${g.round}/${g.imageId}`} className="rounded-xl border border-edge p-2" data-testid="giveaway-fake" data-image={g.imageId}>
              <GiveawayImage pixels={g.pixels} heat={g.heat} image={GIVEAWAYS_TEXT.image(g.round)} />
              <p className="mt-1 text-center text-xs text-slate-400">{GIVEAWAYS_TEXT.round(g.round, levelName(g.level))}</p>
              <p className="text-center text-xs text-slate-400">{GIVEAWAYS_TEXT.marked(g.heat.taps, g.fakeVotes)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
