import { Suspense } from 'react';
import { LabScreen } from './LabScreen';

export const metadata = { title: 'Lab · GAN Arena' };

export default function LabPage() {
  return (
    <Suspense>
      <LabScreen />
    </Suspense>
  );
}
