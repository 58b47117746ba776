import type { Lang } from '../../i18n/index.ts';

/** Text in the portal's three languages, in the order en, zh-Hant, zh-Hans. */
export type Tri = readonly [en: string, zhHant: string, zhHans: string];

export const triOf = (t: Tri, lang: Lang): string => (lang === 'en' ? t[0] : lang === 'zh-Hant' ? t[1] : t[2]);

/**
 * How a resident can use a service: online here (a hosted e-form at /apply/<slug>), online on
 * the department's own site, or only in person. `counter` says whether a counter also takes it.
 */
export type Online = 'here' | 'elsewhere' | 'none';

export type Department = {
  slug: string;
  name: Tri;
  /** One plain sentence on what the department does for residents. */
  summary: Tri;
  /** Main public counter (address), opening hours and enquiry phone. */
  counter: Tri;
  hours: Tri;
  phone: string;
  website: string;
};

export type Service = {
  slug: string;
  department: string;
  name: Tri;
  summary: Tri;
  categories: readonly string[];
  lifeEvents: readonly string[];
  /** Keys into the shared eligibility vocabulary (data/vocabulary.ts). */
  eligibility: readonly string[];
  /** Keys into the shared documents vocabulary. */
  documents: readonly string[];
  /** Fee in HK$ (0 = free); `feeNote` explains fees that vary. */
  fee: number;
  feeNote?: Tri;
  /** Working days; 0 means on the spot. */
  days: number;
  online: Online;
  /** The department's own online service, for `online: 'elsewhere'`. */
  url?: string;
  counter: boolean;
  /** Whether the service accepts the Yat digital identity for sign-in. */
  identity: boolean;
  /** Extra words residents use for it (all languages), for search only. */
  keywords?: readonly string[];
  /** Shown among the popular services on the home page (lower first). */
  popular?: number;
};

/** Categories and life events: the two ways to browse the catalogue. */
export type Topic = { slug: string; name: Tri; summary: Tri };
