/**
 * The session page's giveaways: every fake the class marked, with where the players who called it fake
 * tapped (the same heat map as the projector's reveal), round by round.
 */
import { GiveawayImage } from '@/app/components/GiveawayHeat';
import type { GiveawayReport } from '@/server/db/report';
import { serverT } from '../i18n/server';

export async function Giveaways({ giveaways, levelName }: { giveaways: GiveawayReport[]; levelName: (level: number) => string }) {
  const t = await serverT();
  return (
    <section className="rounded-2xl border border-edge bg-panel p-5" data-testid="giveaways">
      <h2 className="text-xl font-bold">{t('giveaways.title')}</h2>
      <p className="mt-1 text-sm text-slate-400">{t('giveaways.note')}</p>
      {giveaways.length === 0 ? (
        <p className="mt-4 text-slate-400">{t('giveaways.none')}</p>
      ) : (
        <ul className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-6">
          {giveaways.map((g) => (
            <li key={`${g.round}/${g.imageId}`} className="rounded-xl border border-edge p-2" data-testid="giveaway-fake" data-image={g.imageId}>
              <GiveawayImage pixels={g.pixels} heat={g.heat} image={t('giveaways.image', { round: g.round })} />
              <p className="mt-1 text-center text-xs text-slate-400">{t('giveaways.round', { round: g.round, level: levelName(g.level) })}</p>
              <p className="text-center text-xs text-slate-400">{t('giveaways.marked', { taps: g.heat.taps, votes: g.fakeVotes })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
