import i18next, { type TFunction } from 'i18next';
import Negotiator from 'negotiator';
import consentEn from '../consent/locales/en.ts';
import consentZhHans from '../consent/locales/zh-Hans.ts';
import consentZhHant from '../consent/locales/zh-Hant.ts';
import applicationsEn from '../portal/applications/locales/en.ts';
import applicationsZhHans from '../portal/applications/locales/zh-Hans.ts';
import applicationsZhHant from '../portal/applications/locales/zh-Hant.ts';
import catalogueEn from '../portal/catalogue/locales/en.ts';
import catalogueZhHans from '../portal/catalogue/locales/zh-Hans.ts';
import catalogueZhHant from '../portal/catalogue/locales/zh-Hant.ts';
import ledgerEn from '../ledger/locales/en.ts';
import ledgerZhHans from '../ledger/locales/zh-Hans.ts';
import ledgerZhHant from '../ledger/locales/zh-Hant.ts';
import consolesEn from '../consoles/locales/en.ts';
import consolesZhHans from '../consoles/locales/zh-Hans.ts';
import consolesZhHant from '../consoles/locales/zh-Hant.ts';
import counterEn from '../counter/locales/en.ts';
import counterZhHans from '../counter/locales/zh-Hans.ts';
import counterZhHant from '../counter/locales/zh-Hant.ts';
import signingEn from '../signing/locales/en.ts';
import signingZhHans from '../signing/locales/zh-Hans.ts';
import signingZhHant from '../signing/locales/zh-Hant.ts';
import opendataEn from '../opendata/locales/en.ts';
import opendataZhHans from '../opendata/locales/zh-Hans.ts';
import opendataZhHant from '../opendata/locales/zh-Hant.ts';
import analyticsEn from '../analytics/locales/en.ts';
import analyticsZhHans from '../analytics/locales/zh-Hans.ts';
import analyticsZhHant from '../analytics/locales/zh-Hant.ts';
import operatorEn from '../consoles/operator/locales/en.ts';
import operatorZhHans from '../consoles/operator/locales/zh-Hans.ts';
import operatorZhHant from '../consoles/operator/locales/zh-Hant.ts';
import developerEn from '../consoles/developer/locales/en.ts';
import developerZhHans from '../consoles/developer/locales/zh-Hans.ts';
import developerZhHant from '../consoles/developer/locales/zh-Hant.ts';
import en from './locales/en.ts';
import zhHans from './locales/zh-Hans.ts';
import zhHant from './locales/zh-Hant.ts';

export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';
export const langs: readonly Lang[] = ['en', 'zh-Hant', 'zh-Hans'];
export const langNames: Record<Lang, string> = { en: 'English', 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文' };
/**
 * Each feature keeps its strings beside its code, under its own namespace
 * (`t('catalogue.…')`); the shared ones (layout, errors, sign-in) are in ./locales.
 */
/** Feature namespaces: each capability adds one line, its strings in the three languages. */
const features = {
  catalogue: { en: catalogueEn, 'zh-Hant': catalogueZhHant, 'zh-Hans': catalogueZhHans },
  applications: { en: applicationsEn, 'zh-Hant': applicationsZhHant, 'zh-Hans': applicationsZhHans },
  consent: { en: consentEn, 'zh-Hant': consentZhHant, 'zh-Hans': consentZhHans },
  ledger: { en: ledgerEn, 'zh-Hant': ledgerZhHant, 'zh-Hans': ledgerZhHans },
  consoles: { en: consolesEn, 'zh-Hant': consolesZhHant, 'zh-Hans': consolesZhHans },
  counter: { en: counterEn, 'zh-Hant': counterZhHant, 'zh-Hans': counterZhHans },
  signing: { en: signingEn, 'zh-Hant': signingZhHant, 'zh-Hans': signingZhHans },
  analytics: { en: analyticsEn, 'zh-Hant': analyticsZhHant, 'zh-Hans': analyticsZhHans },
  opendata: { en: opendataEn, 'zh-Hant': opendataZhHant, 'zh-Hans': opendataZhHans },
  operator: { en: operatorEn, 'zh-Hant': operatorZhHant, 'zh-Hans': operatorZhHans },
  developer: { en: developerEn, 'zh-Hant': developerZhHant, 'zh-Hans': developerZhHans },
};
const withFeatures = <L extends Lang, B extends object>(lang: L, base: B) =>
  ({ ...base, ...Object.fromEntries(Object.entries(features).map(([ns, t]) => [ns, t[lang]])) }) as B & { [K in keyof typeof features]: (typeof features)[K][L] };

export const resources = {
  en: withFeatures('en', en),
  'zh-Hant': withFeatures('zh-Hant', zhHant),
  'zh-Hans': withFeatures('zh-Hans', zhHans),
};

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, { translation: v }])),
  fallbackLng: 'en',
  supportedLngs: [...langs],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type T = TFunction;
export const translator = (lang: Lang): T => i18n.getFixedT(lang);

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (langs as readonly string[]).includes(v);

/** Maps what browsers send (zh-HK, zh-TW, zh-CN, zh-SG, zh) onto our three languages. */
function fromTag(tag: string): Lang | undefined {
  const t = tag.toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t.startsWith('zh-hant') || ['zh-hk', 'zh-tw', 'zh-mo'].includes(t)) return 'zh-Hant';
  if (t.startsWith('zh-hans') || ['zh-cn', 'zh-sg', 'zh'].includes(t)) return 'zh-Hans';
  return undefined;
}

/** `?lang=` first, then the remembered cookie, then Accept-Language, then English. */
export function negotiateLang(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  if (acceptLanguage) {
    for (const tag of new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages()) {
      const lang = fromTag(tag);
      if (lang) return lang;
    }
  }
  return 'en';
}
