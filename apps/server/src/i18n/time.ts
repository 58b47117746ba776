import type { Lang } from './index.ts';

/**
 * One way to write a date and time in each language, everywhere: the 24-hour clock, in Hong
 * Kong time (never the server's or the browser's zone), labelled as such where a time is shown
 * (`time.hongKong`). English "29 Nov 2026, 04:35"; Chinese "2026年11月29日 04:35" in both
 * scripts (Intl's own Chinese formats differ between the scripts and by ICU version).
 */
export const HONG_KONG = 'Asia/Hong_Kong';

// Built once: constructing an Intl.DateTimeFormat costs ~70 µs, using one ~3 µs.
const hongKongParts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: HONG_KONG });

function parts(at: number | Date) {
  const fmt = hongKongParts;
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
  return { year: p.year!, month: Number(p.month), day: Number(p.day), time: `${p.hour}:${p.minute}` };
}

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const formatTime = (_lang: Lang, at: number | Date): string => parts(at).time;

export function formatDate(lang: Lang, at: number | Date): string {
  const p = parts(at);
  return lang === 'en' ? `${p.day} ${monthsEn[p.month - 1]} ${p.year}` : `${p.year}年${p.month}月${p.day}日`;
}

export function formatDateTime(lang: Lang, at: number | Date): string {
  return lang === 'en' ? `${formatDate(lang, at)}, ${formatTime(lang, at)}` : `${formatDate(lang, at)} ${formatTime(lang, at)}`;
}
