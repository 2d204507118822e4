import type { Metadata } from 'next';
// KaTeX's fonts and layout rules, for every card's typeset maths.
import 'katex/dist/katex.min.css';
import { serverT } from '../i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverT();
  return { title: t('titles.lessons'), description: t('titles.lessonsDescription') };
}

export default function LessonsLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-dvh">{children}</div>;
}
