import { Suspense } from 'react';
import { LabScreen } from './LabScreen';
import { pageTitle } from '@/app/i18n/server';

export const generateMetadata = () => pageTitle('lab');

export default function LabPage() {
  return (
    <Suspense>
      <LabScreen />
    </Suspense>
  );
}
