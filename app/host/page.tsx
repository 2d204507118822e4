import { Suspense } from 'react';
import { HostScreen } from './HostScreen';

export const metadata = { title: 'Host · GAN Arena' };

export default function HostPage() {
  return (
    <Suspense>
      <HostScreen />
    </Suspense>
  );
}
