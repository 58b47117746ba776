import type { Lang, T } from '../../../i18n/index.ts';
import { allFields, applicableFields, type Answers, type FormDefinition, type FormField } from './schema.ts';

/**
 * Server-side checks of a submitted form, in the order the fields appear, with a message per
 * field written for the resident (GOV.UK style: say what to do, name the field). Answers to
 * fields that do not apply (a conditional section not chosen) are dropped, not kept hidden.
 */
export type FieldError = { field: string; message: string };
export type ValidationInput = { form: FormDefinition; raw: Answers; filesPresent: ReadonlySet<string>; fileErrors: ReadonlyMap<string, string>; t: T; lang: Lang };

const choiceTypes = new Set(['select', 'radio', 'checkbox']);

export function cleanAnswers(form: FormDefinition, raw: Answers): Answers {
  const out: Answers = {};
  for (const f of allFields(form)) {
    if (f.type === 'file') continue;
    const v = raw[f.name];
    if (f.type === 'checkbox') out[f.name] = (Array.isArray(v) ? v : v ? [v] : []).map(String);
    else if (v !== undefined) out[f.name] = normalise(f, String(Array.isArray(v) ? v[0] : v));
  }
  return out;
}

export function validateAnswers(input: ValidationInput): { answers: Answers; errors: FieldError[] } {
  const { form, t, lang } = input;
  const cleaned = cleanAnswers(form, input.raw);
  const answers: Answers = {};
  const errors: FieldError[] = [];
  for (const f of applicableFields(form, cleaned)) {
    const label = inSentence(f.label[lang], lang);
    if (f.type === 'file') {
      const fileError = input.fileErrors.get(f.name);
      if (fileError) errors.push({ field: f.name, message: fileError });
      else if (f.required && !input.filesPresent.has(f.name)) errors.push({ field: f.name, message: f.errors?.missing?.[lang] ?? t('applications.validation.requiredFile', { label }) });
      continue;
    }
    const value = cleaned[f.name];
    if (value !== undefined) answers[f.name] = value;
    const message = checkField(f, value, label, t, lang);
    // The label is lower-cased for mid-sentence use; a message may start with it.
    if (message) errors.push({ field: f.name, message: message.charAt(0).toUpperCase() + message.slice(1) });
  }
  return { answers, errors };
}

function checkField(f: FormField, value: string | string[] | undefined, label: string, t: T, lang: Lang): string | undefined {
  // The field's own sentence when it has one; the general pattern otherwise (a form still being written).
  const missing = (fallback: string) => f.errors?.missing?.[lang] ?? fallback;
  if (Array.isArray(value)) {
    if (f.required && value.length === 0) return missing(t('applications.validation.requiredChoice', { label }));
    if (value.some((v) => !f.options?.some((o) => o.value === v))) return missing(t('applications.validation.badOption', { label }));
    return undefined;
  }
  if (!value) {
    if (!f.required) return undefined;
    return missing(t(choiceTypes.has(f.type) ? 'applications.validation.requiredChoice' : 'applications.validation.required', { label }));
  }
  if (choiceTypes.has(f.type)) return f.options?.some((o) => o.value === value) ? undefined : missing(t('applications.validation.badOption', { label }));
  const problem = checkFormat(f, value, label, t, lang) ?? checkRange(f, value, label, t);
  // Email, phone and pattern messages are already written for the value; the generic length, range and date ones give way to the field's own.
  if (!problem || !f.errors?.invalid || f.type === 'email' || f.type === 'phone' || problem === f.pattern?.message[lang]) return problem;
  return f.errors.invalid[lang];
}

function checkFormat(f: FormField, value: string, label: string, t: T, lang: Lang): string | undefined {
  if (f.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return t('applications.validation.email');
  if (f.type === 'phone' && !/^[2-9][0-9]{7}$/.test(value)) return t('applications.validation.phone');
  if (f.type === 'number' && !/^-?[0-9]{1,12}$/.test(value)) return t('applications.validation.number', { label });
  if (f.type === 'date') {
    const d = new Date(`${value}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return t('applications.validation.date', { label });
    const today = new Date().toISOString().slice(0, 10);
    if (f.when === 'past' && value >= today) return t('applications.validation.datePast', { label });
    if (f.when === 'future' && value < today) return t('applications.validation.dateFuture', { label });
  }
  if (f.pattern && !new RegExp(f.pattern.regex).test(value)) return f.pattern.message[lang];
  return undefined;
}

function checkRange(f: FormField, value: string, label: string, t: T): string | undefined {
  if (f.type === 'number') {
    const n = Number(value);
    if (f.min !== undefined && n < f.min) return t('applications.validation.numberMin', { label, min: f.min });
    if (f.max !== undefined && n > f.max) return t('applications.validation.numberMax', { label, max: f.max });
    return undefined;
  }
  if (f.max !== undefined && [...value].length > f.max) return t('applications.validation.tooLong', { label, max: f.max });
  if (f.min !== undefined && [...value].length < f.min) return t('applications.validation.tooShort', { label, min: f.min });
  return undefined;
}

/** What people type around the value is not part of it: spaces in numbers, a +852 prefix, case. */
function normalise(f: FormField, value: string): string {
  const v = value.trim();
  if (f.type === 'phone') return v.replace(/[\s-]/g, '').replace(/^\+?852/, '');
  if (f.type === 'number') return v.replace(/[,\s]/g, '');
  if (f.type === 'email') return v.toLowerCase();
  if (f.pattern && /\[A-Z\]/.test(f.pattern.regex)) return v.toUpperCase().replace(/\s/g, '');
  return f.type === 'textarea' ? v.replace(/\r\n/g, '\n') : v;
}

/** "Enter full name" reads better than "Enter Full name"; Chinese has no case. */
export function inSentence(label: string, lang: Lang): string {
  if (lang !== 'en' || /^[A-Z]{2}/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** The value an e-ME claim gives a field (a dotted path into the released claims), normalised like input. */
export function prefillValue(f: FormField, claims: Record<string, unknown>): string | undefined {
  if (!f.prefill) return undefined;
  let v: unknown = claims;
  for (const part of f.prefill.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (typeof v !== 'string' || !v) return undefined;
  return f.type === 'phone' ? normalise(f, v) : v;
}
