import { describe, expect, test } from 'vitest';
import { langs, resources, translator } from '../../../src/i18n/index.ts';
import { hostedForms } from '../../../src/portal/applications/forms/index.ts';
import { allFields } from '../../../src/portal/applications/forms/schema.ts';
import { validateAnswers } from '../../../src/portal/applications/forms/validate.ts';
import { sniffType } from '../../../src/portal/applications/upload.ts';

/** The form definitions are data: these checks keep every one of them well-formed. */
const keysOf = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('hosted form definitions', () => {
  test('five services, each with unique field names and conditions that point at real choices', () => {
    expect(hostedForms.map((f) => f.slug)).toEqual(['renew-driving-licence', 'register-as-voter', 'certified-copy-birth-record', 'apply-public-rental-housing', 'business-registration']);
    for (const form of hostedForms) {
      const fields = allFields(form);
      expect(new Set(fields.map((f) => f.name)).size, form.slug).toBe(fields.length);
      const conditions = [...form.sections.map((s) => s.showIf), ...fields.map((f) => f.showIf)].filter((c) => c !== undefined);
      for (const c of conditions) {
        const target = fields.find((f) => f.name === c.field);
        expect(target?.options?.map((o) => o.value), `${form.slug}: ${c.field}`).toContain(c.equals);
      }
      for (const f of fields) for (const lang of langs) expect(f.label[lang], `${form.slug}.${f.name} ${lang}`).toMatch(/\S/);
    }
  });

  test('the applications texts exist in every language', () => {
    const en = keysOf(resources.en.applications).sort();
    expect(keysOf(resources['zh-Hant'].applications).sort()).toEqual(en);
    expect(keysOf(resources['zh-Hans'].applications).sort()).toEqual(en);
  });
});

describe('validation', () => {
  const form = hostedForms.find((f) => f.slug === 'certified-copy-birth-record')!;
  const ok = { full_name: 'CHAN Tai Man', id_number: 'a123456(3)', phone: '+852 9123 4567', email: 'Tai@Example.com', relationship: 'self', record_name: 'CHAN Siu Ming', record_birthdate: '2015-05-01', copies: '2', delivery: 'counter' };
  const run = (raw: Record<string, string>, files: string[] = []) => validateAnswers({ form, raw, filesPresent: new Set(files), fileErrors: new Map(), t: translator('en'), lang: 'en' });

  test('normalises what people type and accepts a complete form', () => {
    const { answers, errors } = run(ok);
    expect(errors).toEqual([]);
    expect(answers).toMatchObject({ id_number: 'A123456(3)', phone: '91234567', email: 'tai@example.com', copies: '2' });
  });

  test('checks ranges, dates, choices and conditional parts', () => {
    const { errors } = run({ ...ok, copies: '9', record_birthdate: '2999-01-01', relationship: 'other', delivery: 'post', email: 'x' });
    expect(errors).toEqual([
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
      { field: 'consent_letter', message: 'Upload the letter of consent from the person named on the record' },
      { field: 'record_birthdate', message: 'The date of birth on the record must be a real date in the past' },
      { field: 'copies', message: 'The number of copies must be between 1 and 5' },
      { field: 'postal_address', message: 'Enter the postal address' },
    ]);
  });

  test('every message is written for its field in each language, never assembled from the label', () => {
    const renew = hostedForms.find((f) => f.slug === 'renew-driving-licence')!;
    for (const lang of langs) {
      const { errors } = validateAnswers({ form: renew, raw: {}, filesPresent: new Set(), fileErrors: new Map(), t: translator(lang), lang });
      const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
      expect(byField.address_changed).toBe({ en: 'Select yes if your address has changed', 'zh-Hant': '請選擇你的地址有否更改', 'zh-Hans': '请选择你的地址有否更改' }[lang]);
      expect(byField.id_number).toBe({ en: 'Enter your identity card number', 'zh-Hant': '請輸入你的身份證號碼', 'zh-Hans': '请输入你的身份证号码' }[lang]);
    }
    for (const form of hostedForms) {
      for (const f of allFields(form)) {
        const where = `${form.slug}.${f.name}`;
        const choice = ['select', 'radio', 'checkbox'].includes(f.type);
        if (f.required || choice) for (const lang of langs) expect(f.errors?.missing?.[lang], `${where} missing ${lang}`).toMatch(/\S/);
        const hasRule = f.type !== 'email' && f.type !== 'phone' && !f.pattern && f.type !== 'file' && (f.max !== undefined || f.min !== undefined || f.when !== undefined || f.type === 'number' || f.type === 'date');
        if (hasRule) for (const lang of langs) expect(f.errors?.invalid?.[lang], `${where} invalid ${lang}`).toMatch(/\S/);
        // Sentence case: a message starts with a capital and has no capitalised label pasted mid-sentence.
        for (const m of [f.errors?.missing?.en, f.errors?.invalid?.en].filter((x): x is string => !!x)) {
          expect(m, where).toMatch(/^[A-Z]/);
          expect(m.slice(1), where).not.toMatch(/ (Identity|Date|Number|Name|Enter|Select) /);
        }
      }
    }
  });

  test('answers to parts that do not apply are dropped', () => {
    const { answers } = run({ ...ok, postal_address: 'somewhere' });
    expect(answers).not.toHaveProperty('postal_address');
  });
});

describe('attachment types', () => {
  test('are decided by the first bytes', () => {
    expect(sniffType(Buffer.from('%PDF-1.4 ...'))).toBe('application/pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffType(Buffer.from('<html>%PDF-'))).toBeUndefined();
  });
});
