import { langNames, langs, strings, type Lang } from './i18n.ts';

/** HTML with every interpolated value escaped, unless it is already `Html`. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const render = (v: unknown): string => (v instanceof Html ? v.value : Array.isArray(v) ? v.map(render).join('') : v === undefined || v === null || v === false ? '' : escape(String(v)));

export function html(parts: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(parts.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

/** The service's page frame: language switcher, main landmark, its own stylesheet (no inline styles or scripts). */
export function layout(lang: Lang, path: string, title: string, body: Html): string {
  const t = strings[lang];
  const switcher = langs.map((l) => (l === lang ? html`<li><span aria-current="true">${langNames[l]}</span></li>` : html`<li><a href="${path}?lang=${l}" lang="${l}" hreflang="${l}">${langNames[l]}</a></li>`));
  return `<!doctype html>${html`<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – ${t.service}</title><link rel="stylesheet" href="/assets/library.css"></head>
<body>
<header><p class="brand"><a href="/">${t.service}</a></p><nav aria-label="${t.language}"><ul class="langs">${switcher}</ul></nav></header>
<main>${body}</main>
<footer><p>Demo service for the Yat platform.</p></footer>
</body></html>`}`;
}
