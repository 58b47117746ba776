import type { Lang } from './index.ts';

/**
 * What the service worker shows on the lock screen when a push arrives: the sender's name as
 * the title and a line for the category. Its own small table (the worker is built on its own
 * and must not import the app's chunks); the page keeps the resident's language in a cache
 * the worker reads (see push.ts `rememberLangForAlerts`).
 */
export type PushCategory = 'action_needed' | 'status' | 'reminder' | 'security';

export const pushText: Record<Lang, Record<PushCategory | 'other', string>> = {
  en: {
    action_needed: 'A message needs your action. Open your wallet to read it.',
    status: 'A status update is waiting in your wallet.',
    reminder: 'A reminder is waiting in your wallet.',
    security: 'A security message is waiting in your wallet.',
    other: 'A message is waiting in your wallet.',
  },
  'zh-Hant': {
    action_needed: '有一則訊息需要你處理。請開啟錢包閱讀。',
    status: '你的錢包有一則進度更新。',
    reminder: '你的錢包有一則提示。',
    security: '你的錢包有一則保安訊息。',
    other: '你的錢包有一則訊息。',
  },
  'zh-Hans': {
    action_needed: '有一条消息需要你处理。请打开钱包阅读。',
    status: '你的钱包有一条进度更新。',
    reminder: '你的钱包有一条提醒。',
    security: '你的钱包有一条安全消息。',
    other: '你的钱包有一条消息。',
  },
};

/** The lock-screen alert for a push payload `{category, service}` (nothing else is ever in it). */
export function alertFor(payload: unknown, lang: Lang): { title: string; body: string } {
  const p = (payload && typeof payload === 'object' ? payload : {}) as { category?: unknown; service?: unknown };
  const names = (p.service && typeof p.service === 'object' ? p.service : {}) as Partial<Record<Lang, unknown>>;
  const name = [names[lang], names.en, names['zh-Hant'], names['zh-Hans']].find((n): n is string => typeof n === 'string' && n.length > 0);
  const table = pushText[lang];
  const category = typeof p.category === 'string' && p.category in table ? (p.category as PushCategory) : 'other';
  return { title: name ?? { en: '壹 Yat wallet', 'zh-Hant': '壹 Yat 錢包', 'zh-Hans': '壹 Yat 钱包' }[lang], body: table[category] };
}
