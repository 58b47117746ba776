import { describe, expect, test } from 'vitest';
import { langs, resources } from '../../src/i18n/index.ts';

/**
 * English is the reference locale. A key missing from a translation would show English
 * (i18next falls back) in the middle of a Chinese page; an extra key is a leftover or a typo.
 */
type Tree = { [key: string]: string | Tree };

/** Every leaf as a dotted key with its text: `login.title` → 'Sign in to {{service}}'. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    if (value && typeof value === 'object') for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, value);
  }
  return out;
}

const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const reference = leaves(resources.en as Tree);

test('the reference locale has texts', () => {
  expect(reference.size).toBeGreaterThan(10);
});

describe.each(langs.filter((l) => l !== 'en').map((l) => [l]))('%s', (lang) => {
  const translated = leaves(resources[lang] as Tree);

  test('has every key of English and no other', () => {
    const missing = [...reference.keys()].filter((k) => !translated.has(k));
    const extra = [...translated.keys()].filter((k) => !reference.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  test('every text is a non-empty string with the same placeholders as English', () => {
    const wrong = [...translated]
      .filter(([key, text]) => typeof text !== 'string' || text.trim() === '' || placeholders(text).join() !== placeholders(reference.get(key)).join())
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });
});
