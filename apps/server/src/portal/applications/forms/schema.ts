import type { Lang } from '../../../i18n/index.ts';

/**
 * A hosted e-form is data: sections of typed fields with their rules, rendered and checked by
 * the portal. Labels are in the three languages beside the rules, so a department's form is
 * one reviewable file. `prefill` names the e-ME claim (a dotted path into the released claims)
 * a field starts from; `showIf` makes a section or field apply only for a given answer.
 */
export type Localized = Record<Lang, string>;
export type FieldType = 'text' | 'textarea' | 'email' | 'phone' | 'date' | 'select' | 'radio' | 'checkbox' | 'number' | 'file';
export type Condition = { field: string; equals: string };
export type Option = { value: string; label: Localized };

export type FormField = {
  name: string;
  type: FieldType;
  label: Localized;
  hint?: Localized;
  required?: boolean;
  /** A regular expression the whole (trimmed) value must match, with the message to show when not. */
  pattern?: { regex: string; message: Localized };
  /** Text: length; number: value. */
  min?: number;
  max?: number;
  /** Dates: whether the date must be in the past or today onwards. */
  when?: 'past' | 'future';
  options?: readonly Option[];
  /**
   * What to tell the resident, written for this field (GOV.UK style: "Select yes if your
   * address has changed"): `missing` when a required answer is empty or not one of the
   * options, `invalid` when it breaks a length, range or date rule.
   */
  errors?: { missing?: Localized; invalid?: Localized };
  prefill?: string;
  showIf?: Condition;
  autocomplete?: string;
};

export type FormSection = { id: string; title: Localized; intro?: Localized; showIf?: Condition; fields: readonly FormField[] };

export type Department = { code: string; name: Localized };

export type FormDefinition = {
  slug: string;
  department: Department;
  title: Localized;
  intro: Localized;
  sections: readonly FormSection[];
  declaration: Localized;
};

/** Answers as submitted: one string per field, a list for multi-choice checkboxes. */
export type Answers = Record<string, string | string[]>;

export const L = (en: string, zhHant: string, zhHans: string): Localized => ({ en, 'zh-Hant': zhHant, 'zh-Hans': zhHans });

export const yesNo: readonly Option[] = [
  { value: 'yes', label: L('Yes', '是', '是') },
  { value: 'no', label: L('No', '否', '否') },
];

export const attachmentTypes = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' } as const;
export const maxAttachmentBytes = 5 * 1024 * 1024;

export function applies(cond: Condition | undefined, answers: Answers): boolean {
  if (!cond) return true;
  const v = answers[cond.field];
  return Array.isArray(v) ? v.includes(cond.equals) : v === cond.equals;
}

/** The fields that apply to these answers (conditional sections and fields filtered out). */
export function applicableFields(form: FormDefinition, answers: Answers): FormField[] {
  return form.sections.filter((s) => applies(s.showIf, answers)).flatMap((s) => s.fields.filter((f) => applies(f.showIf, answers)));
}

export const allFields = (form: FormDefinition): FormField[] => form.sections.flatMap((s) => s.fields);
