import { Suspense } from 'react';
import { SoloScreen } from './SoloScreen';

export const metadata = { title: 'Solo · GAN Arena' };

export default function SoloPage() {
  return (
    <Suspense>
      <SoloScreen />
    </Suspense>
  );
}
