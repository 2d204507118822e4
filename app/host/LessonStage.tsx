'use client';
/**
 * The lesson between levels on the projector: the card the room is on (phase.at: the phones show
 * its question), full screen with the room's own data, never scrolled. "Next" walks through a long
 * card's steps and then to its question; the advance button reveals the answer (the class's
 * distribution), then moves the room to the next card, and after the last card to the next level.
 * "Back to the room" shows the cards inside the host page instead (the sidebar, the leaderboard).
 *
 * Full screen is a modal layer over the host page: it is portalled to <body>, and the page under
 * it is inert and hidden from assistive technology while it is open, so there is one "On to
 * level N" button to find, not two.
 */
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslations } from 'use-intl';
import type { HostView } from '@/game/protocol';
import { LessonCard } from '../components/lesson/LessonCard';
import { ProjectorCard } from '../components/lesson/ProjectorCard';
import { StepNav, useStepKeys } from '../components/lesson/StepNav';
import { lessonStep } from '@/game/lessons/check';
import { roomLessonData } from '@/game/lessons/room';
import { Button } from './Button';
import { useHostActions } from './context';
import { LessonQuestion } from './LessonQuestion';
import { useHost } from './store';
import { useCard } from '../i18n/useCards';

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
  const t = useTranslations('host');
  const tl = useTranslations('levels');
  const { send } = useHostActions();
  const phase = view.phase.kind === 'lesson' ? view.phase : null;
  // The card is the room's (the phones follow it); the host pages through it locally, then its question.
  const at = Math.min(phase?.at ?? 0, cards.length - 1);
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
  const id = cards[at];
  const card = useCard(id);
  const answers = phase?.answers[id];
  const question = phase?.question ?? null;
  const revealed = question?.revealed ?? false;
  // A new card opens on its first page.
  useEffect(() => setStep(0), [at]);
  // The page after the card's own pages is its question (choices, then how the class answered).
  const onQuestion = step >= steps || revealed;
  const advanceLabel = {
    reveal: t('revealAnswer'),
    next: t('nextCard'),
    done: view.level < view.levels.length ? t('onToLevel', { level: view.level + 1, name: tl(`${view.levels[view.level].id}.name`) }) : t('finish'),
  }[lessonStep({ at, revealed, total: cards.length })];

  const forward = () => (step < steps ? setStep(step + 1) : undefined);
  const back = () => (step > 0 ? setStep(Math.min(step, steps) - 1) : undefined);
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
      {t('answeredCorrect', { answered: answers.answered, correct: answers.correct })}
    </span>
  );
  const chips = (
    <span className="flex gap-[0.25em]" role="list" aria-label={t('lessonCards')}>
      {cards.map((c, i) => (
        <span role="listitem" key={c} aria-current={i === at} className={`rounded-[0.3em] px-[0.4em] py-[0.15em] font-mono font-bold ${i === at ? 'bg-accent text-ink' : 'bg-panel text-slate-200'}`}>
          {c}
        </span>
      ))}
    </span>
  );

  if (!fullScreen || !card) {
    return (
      <div className="flex flex-col gap-4" data-testid="lesson">
        <nav className="flex flex-wrap items-center gap-2 text-lg" aria-label={t('lesson')}>
          {chips}
          <span className="ml-auto">
            <Button small onClick={() => setFullScreen(true)}>
              {t('fullScreen')}
            </Button>
          </span>
        </nav>
        {card ? <LessonCard card={card} data={data} hideCheck /> : card === null ? <p className="text-xl text-slate-400">{t('loadingCard')}</p> : <p className="text-xl text-fake">{t('unknownCard', { id })}</p>}
        {question && (
          <div className="text-2xl">
            <LessonQuestion question={question} />
          </div>
        )}
        {card && answers && <p className="text-xl text-slate-200">{answered}</p>}
      </div>
    );
  }

  const footer = (
    <StepNav step={Math.min(step, steps)} steps={steps + 1} onBack={step > 0 && !revealed ? back : undefined} onNext={onQuestion ? undefined : forward} nextLabel={step < steps - 1 ? t('next') : t('theQuestion')}>
      {chips}
      <button type="button" onClick={() => setFullScreen(false)} className="rounded-[0.4em] border-2 border-edge bg-panel px-[0.6em] py-[0.2em] text-slate-100 hover:border-accent">
        {t('backToRoom')}
      </button>
      <button type="button" onClick={() => void send('host:advance')} className={`rounded-[0.4em] px-[0.6em] py-[0.2em] font-bold ${onQuestion ? 'bg-accent text-ink' : 'border-2 border-edge bg-panel text-slate-100'}`}>
        {advanceLabel}
      </button>
    </StepNav>
  );

  return (
    <>
      <p className="text-xl text-slate-200">{t('onFullScreen')}</p>
      {layer &&
        createPortal(
          <div role="dialog" aria-modal="true" aria-label={t('lessonDialog', { id: card.id, title: card.title })} data-testid="lesson">
            {onQuestion && question ? (
              <div className="projector flex h-dvh flex-col gap-[0.5em] overflow-hidden bg-ink p-[0.7em]">
                <div className="min-h-0 flex-1 overflow-hidden">
                  <LessonQuestion question={question} />
                  {answered && <p className="mt-[0.4em] text-[0.8em]">{answered}</p>}
                </div>
                {footer}
              </div>
            ) : (
              <ProjectorCard key={card.id} card={card} data={data} step={Math.min(step, steps - 1)} onSteps={setSteps} questionNote={answered} footer={footer} />
            )}
          </div>,
          layer,
        )}
    </>
  );
}
