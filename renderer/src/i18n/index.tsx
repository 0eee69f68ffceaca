import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

interface I18n {
  locale: Locale;
  t: (key: MessageKey) => string;
  toggle: () => void;
}

const Ctx = createContext<I18n>({ locale: 'zh-CN', t: (k) => zhCN[k], toggle: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem('taizhang-locale') === 'en' ? 'en' : 'zh-CN'));
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (k) => dictionaries[locale][k],
      toggle: () => {
        const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
        localStorage.setItem('taizhang-locale', next);
        document.documentElement.lang = next;
        setLocale(next);
      },
    }),
    [locale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useT = (): I18n => useContext(Ctx);
