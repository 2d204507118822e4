import { Suspense } from 'react';
import { HostScreen } from './HostScreen';
import { pageTitle } from '@/app/i18n/server';

export const generateMetadata = () => pageTitle('host');

export default function HostPage() {
  return (
    <Suspense>
      <HostScreen />
    </Suspense>
  );
}
