import { L, type Department } from './schema.ts';

/** Departments with hosted forms; `code` prefixes their reference numbers (TD-2026-000123). */
export const departments = {
  TD: { code: 'TD', name: L('Transport Department', '運輸署', '运输署') },
  REO: { code: 'REO', name: L('Registration and Electoral Office', '選舉事務處', '选举事务处') },
  IMMD: { code: 'IMMD', name: L('Immigration Department', '入境事務處', '入境事务处') },
  HD: { code: 'HD', name: L('Housing Department', '房屋署', '房屋署') },
  IRD: { code: 'IRD', name: L('Inland Revenue Department', '稅務局', '税务局') },
} as const satisfies Record<string, Department>;

/** A department client names its department (code or English name) in its registration. */
export function departmentCodeOf(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const wanted = name.trim().toLowerCase();
  return Object.values(departments).find((d) => d.code.toLowerCase() === wanted || d.name.en.toLowerCase() === wanted)?.code;
}
