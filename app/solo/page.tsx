import { Suspense } from 'react';
import { SoloScreen } from './SoloScreen';
import { pageTitle } from '@/app/i18n/server';

export const generateMetadata = () => pageTitle('solo');

export default function SoloPage() {
  return (
    <Suspense>
      <SoloScreen />
    </Suspense>
  );
}
