import type { Metadata } from 'next';
// KaTeX's fonts and layout rules, for every card's typeset maths.
import 'katex/dist/katex.min.css';

export const metadata: Metadata = {
  title: 'Lessons · GAN Arena',
  description: 'Every lesson card of GAN Arena: how GANs work, what goes wrong, how to measure them, and how to use them responsibly.',
};

export default function LessonsLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-dvh">{children}</div>;
}
