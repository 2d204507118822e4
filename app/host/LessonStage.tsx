'use client';
/**
 * The lesson between levels on the projector: each card full screen with the room's own data and
 * its question, never scrolled. "Next" walks through a long card's steps, then to the next card;
 * after the last card the host moves on to the next level from the same bar. "Back to the room"
 * shows the cards inside the host page instead (the sidebar, the leaderboard).
 *
 * Full screen is a modal layer over the host page: it is portalled to <body>, and the page under
 * it is inert and hidden from assistive technology while it is open, so there is one "On to
 * level N" button to find, not two.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { getCard } from '@/game/lessons/cards';
import type { HostView } from '@/game/protocol';
import { LessonCard } from '../components/lesson/LessonCard';
import { ProjectorCard } from '../components/lesson/ProjectorCard';
import { StepNav, useStepKeys } from '../components/lesson/StepNav';
import { roomLessonData } from '@/game/lessons/room';
import { Button } from './Button';
import { useHostActions } from './context';
import { useHost } from './store';

/** Makes everything in <body> but `keep` inert and aria-hidden, and stops the page scrolling, until undone. */
function isolate(keep: HTMLElement): () => void {
  const others = [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el !== keep && !el.hasAttribute('inert'));
  for (const el of others) {
    el.setAttribute('inert', '');
    el.setAttribute('aria-hidden', 'true');
  }
  const overflow = document.documentElement.style.overflow;
  document.documentElement.style.overflow = 'hidden';
  return () => {
    for (const el of others) {
      el.removeAttribute('inert');
      el.removeAttribute('aria-hidden');
    }
    document.documentElement.style.overflow = overflow;
  };
}

export function LessonStage({ view, cards }: { view: HostView; cards: string[] }) {
  const { send } = useHostActions();
  const [index, setIndex] = useState(0);
  const [step, setStep] = useState(0);
  const [steps, setSteps] = useState(1);
  const [fullScreen, setFullScreen] = useState(true);
  const [layer, setLayer] = useState<HTMLElement | null>(null);
  const losses = useHost((s) => s.losses);
  const samplesOverTime = useHost((s) => s.samplesOverTime);
  const interpolation = useHost((s) => s.interpolation);
  const realImages = useHost((s) => s.realImages);
  const batchSize = useHost((s) => s.batchSize);
  const data = useMemo(
    () => roomLessonData(view, losses, { samplesOverTime, interpolation, realSamples: realImages[view.level] ?? [] }, { batchSize: batchSize ?? undefined }),
    [view, losses, samplesOverTime, interpolation, realImages, batchSize],
  );
  const at = Math.min(index, cards.length - 1);
  const id = cards[at];
  const card = getCard(id);
  const answers = view.phase.kind === 'lesson' ? view.phase.answers[id] : undefined;
  const last = at === cards.length - 1 && step >= steps - 1;
  const advanceLabel = view.level < view.levels.length ? `On to level ${view.level + 1}: ${view.levels[view.level].name}` : 'Finish the game';

  const show = useCallback((i: number) => {
    setIndex(i);
    setStep(0);
  }, []);
  const forward = () => (step < steps - 1 ? setStep(step + 1) : at < cards.length - 1 ? show(at + 1) : undefined);
  const back = () => (step > 0 ? setStep(step - 1) : at > 0 ? show(at - 1) : undefined);
  useStepKeys(fullScreen ? forward : () => {}, fullScreen ? back : () => {});

  useEffect(() => {
    if (!fullScreen) return;
    const el = document.createElement('div');
    el.className = 'fixed inset-0 z-50 bg-ink';
    document.body.appendChild(el);
    const undo = isolate(el);
    setLayer(el);
    return () => {
      undo();
      el.remove();
      setLayer(null);
    };
  }, [fullScreen]);

  const answered = answers && (
    <span className="normal-case tracking-normal text-slate-100" data-testid="lesson-answers">
      {answers.answered} answered on their phones · {answers.correct} correct
    </span>
  );

  if (!fullScreen || !card) {
    return (
      <div className="flex flex-col gap-4" data-testid="lesson">
        <nav className="flex flex-wrap items-center gap-2" aria-label="Lesson cards">
          {cards.map((c, i) => (
            <button key={c} type="button" onClick={() => show(i)} aria-current={i === at} className={`rounded-lg px-3 py-1.5 font-mono text-lg font-bold ${i === at ? 'bg-accent text-ink' : 'bg-panel text-slate-200'}`}>
              {c}
            </button>
          ))}
          <span className="ml-auto">
            <Button small onClick={() => setFullScreen(true)}>
              Full screen
            </Button>
          </span>
        </nav>
        {card ? <LessonCard card={card} data={data} hideCheck /> : <p className="text-xl text-fake">Unknown card {id}.</p>}
        {card && answers && <p className="text-xl text-slate-200">{answered}</p>}
      </div>
    );
  }

  return (
    <>
      <p className="text-xl text-slate-200">The lesson is on full screen.</p>
      {layer &&
        createPortal(
          <div role="dialog" aria-modal="true" aria-label={`Lesson: ${card.id} ${card.title}`} data-testid="lesson">
            <ProjectorCard
              key={card.id}
              card={card}
              data={data}
              step={step}
              onSteps={setSteps}
              questionNote={answered}
              footer={
                <StepNav step={step} steps={steps} onBack={step > 0 || at > 0 ? back : undefined} onNext={last ? undefined : forward} nextLabel={step < steps - 1 ? 'Next' : `Next card: ${cards[at + 1]}`}>
                  <span className="flex gap-[0.25em]" role="group" aria-label="Lesson cards">
                    {cards.map((c, i) => (
                      <button
                        key={c}
                        type="button"
                        onClick={() => show(i)}
                        aria-current={i === at}
                        className={`rounded-[0.3em] px-[0.4em] py-[0.15em] font-mono font-bold ${i === at ? 'bg-accent text-ink' : 'bg-panel text-slate-200'}`}
                      >
                        {c}
                      </button>
                    ))}
                  </span>
                  <button type="button" onClick={() => setFullScreen(false)} className="rounded-[0.4em] border-2 border-edge bg-panel px-[0.6em] py-[0.2em] text-slate-100 hover:border-accent">
                    Back to the room
                  </button>
                  <button
                    type="button"
                    onClick={() => void send('host:advance')}
                    className={`rounded-[0.4em] px-[0.6em] py-[0.2em] font-bold ${last ? 'bg-accent text-ink' : 'border-2 border-edge bg-panel text-slate-100'}`}
                  >
                    {advanceLabel}
                  </button>
                </StepNav>
              }
            />
          </div>,
          layer,
        )}
    </>
  );
}
