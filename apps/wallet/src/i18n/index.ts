import { en, type MessageKey, type Messages } from './en.ts';
import { zhHans } from './zh-Hans.ts';
import { zhHant } from './zh-Hant.ts';

export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';
export type { MessageKey };
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const langs: readonly Lang[] = ['en', 'zh-Hant', 'zh-Hans'];
export const langNames: Record<Lang, string> = { en: 'English', 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文' };
export const messages: Record<Lang, Messages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (langs as readonly string[]).includes(v);

/** A browser language tag to one of ours: Traditional for HK/TW/MO and `Hant`, Simplified for other Chinese. */
export function langOfTag(tag: string): Lang | undefined {
  const lower = tag.toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (!lower.startsWith('zh')) return undefined;
  if (lower.includes('hant') || /-(hk|tw|mo)\b/.test(lower)) return 'zh-Hant';
  return 'zh-Hans';
}

/** `?lang=` first (and remembered), then the remembered choice, then the browser's languages. */
export function chooseLang(query: string | null, remembered: string | null, browser: readonly string[]): Lang {
  if (isLang(query)) return query;
  if (isLang(remembered)) return remembered;
  for (const tag of browser) {
    const l = langOfTag(tag);
    if (l) return l;
  }
  return 'en';
}

export function translator(lang: Lang): T {
  const table = messages[lang];
  return (key, vars) => {
    const text = table[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
