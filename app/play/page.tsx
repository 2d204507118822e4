import { Suspense } from 'react';
import { PlayScreen } from './PlayScreen';

export const metadata = { title: 'Play · GAN Arena' };

export default function PlayPage() {
  return (
    <Suspense>
      <PlayScreen />
    </Suspense>
  );
}
