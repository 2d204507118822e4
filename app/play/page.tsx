import { Suspense } from 'react';
import { PlayScreen } from './PlayScreen';
import { pageTitle } from '@/app/i18n/server';

export const generateMetadata = () => pageTitle('play');

export default function PlayPage() {
  return (
    <Suspense>
      <PlayScreen />
    </Suspense>
  );
}
