import type { Metadata, Viewport } from 'next';
import { I18nProvider } from './i18n/I18nProvider';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { loadMessages } from './i18n/catalogue';
import { requestLocale, serverT } from './i18n/server';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverT();
  return { title: 'GAN Arena', description: t('titles.description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0b1020',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  const messages = await loadMessages(locale);
  return (
    <html lang={locale}>
      <body className="min-h-dvh antialiased">
        <I18nProvider locale={locale} messages={messages}>
          {children}
          <LanguageSwitch />
        </I18nProvider>
      </body>
    </html>
  );
}
