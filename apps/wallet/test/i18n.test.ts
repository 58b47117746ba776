import { describe, expect, test } from 'vitest';
import { chooseLang, langs, messages, translator } from '../src/i18n/index.ts';

describe('the wallet\'s messages', () => {
  const reference = Object.keys(messages.en).sort();

  test.each(langs)('%s has exactly the English keys, none empty', (lang) => {
    expect(Object.keys(messages[lang]).sort()).toEqual(reference);
    for (const [key, text] of Object.entries(messages[lang])) expect(text.trim(), key).not.toBe('');
  });

  test.each(langs)('%s uses the same placeholders as English', (lang) => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of reference) expect(vars(messages[lang][key as keyof typeof messages.en]), key).toEqual(vars(messages.en[key as keyof typeof messages.en]));
  });

  test('fills placeholders', () => {
    expect(translator('en')('approve.title', { service: 'Library' })).toBe('Sign in to Library?');
    expect(translator('zh-Hant')('approve.title', { service: '圖書館' })).toBe('登入圖書館？');
  });
});

describe('choosing the language', () => {
  test('?lang wins, then the remembered choice, then the browser', () => {
    expect(chooseLang('zh-Hans', 'zh-Hant', ['en'])).toBe('zh-Hans');
    expect(chooseLang(null, 'zh-Hant', ['en'])).toBe('zh-Hant');
    expect(chooseLang('xx', null, ['fr-FR', 'zh-HK'])).toBe('zh-Hant');
    expect(chooseLang(null, null, ['zh-CN'])).toBe('zh-Hans');
    expect(chooseLang(null, null, ['zh-Hant-TW'])).toBe('zh-Hant');
    expect(chooseLang(null, null, ['fr'])).toBe('en');
  });
});
