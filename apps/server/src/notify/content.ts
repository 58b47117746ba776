import { langs, type Lang } from '../i18n/index.ts';

/**
 * What a notification says: a title and a body in one to three of the platform's languages,
 * and an optional link. The resident reads it in their language; when the sender did not
 * write that one, the first of the others (English, then Traditional, then Simplified
 * Chinese) is shown with a marker saying so — never a machine translation.
 */
export const categories = ['action_needed', 'status', 'reminder', 'security'] as const;
export type Category = (typeof categories)[number];

export type Texts = Partial<Record<Lang, string>>;
export type Content = { title: Texts; body: Texts; link?: string };

/** The content in `lang`, or the fallback with `fallbackLang` set so the reader can be told. */
export function localise(content: Content, lang: Lang): { lang: Lang; fallback: boolean; title: string; body: string; link: string | null } {
  const order = [lang, ...langs.filter((l) => l !== lang)];
  const chosen = order.find((l) => content.title[l] && content.body[l]) ?? order.find((l) => content.title[l])!;
  return { lang: chosen, fallback: chosen !== lang, title: content.title[chosen] ?? '', body: content.body[chosen] ?? '', link: content.link ?? null };
}

/** The languages written, for the sender's record (never the text itself). */
export const languagesOf = (content: Content): Lang[] => langs.filter((l) => content.title[l]);

/** JSON Schema for the texts: at least one language; title ≤ 120, body ≤ 2000 characters. */
export const textsSchema = (max: number) => ({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: Object.fromEntries(langs.map((l) => [l, { type: 'string', minLength: 1, maxLength: max }])),
});
