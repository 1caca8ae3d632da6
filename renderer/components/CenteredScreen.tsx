/** The screens before the app opens (create the vault, unlock): one centred card, the language menu top right. */
import type { ReactNode } from 'react';
import { LanguageSwitcher } from './LanguageSwitcher';

export function CenteredScreen({ children }: { children: ReactNode }) {
  return (
    <main className="centered">
      <div className="top-right">
        <LanguageSwitcher />
      </div>
      {children}
    </main>
  );
}
