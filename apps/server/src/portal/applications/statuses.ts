/**
 * An application's life: the resident submits; the department acknowledges, works on it,
 * may ask for more information, and decides. A decision is final.
 */
export const statuses = ['submitted', 'received', 'in_progress', 'more_info_needed', 'approved', 'rejected'] as const;
export type Status = (typeof statuses)[number];
export const finalStatuses: ReadonlySet<Status> = new Set(['approved', 'rejected']);
/** What a department may set (submission is the resident's act). */
export const departmentStatuses = ['received', 'in_progress', 'more_info_needed', 'approved', 'rejected'] as const;
export const isStatus = (v: unknown): v is Status => typeof v === 'string' && (statuses as readonly string[]).includes(v);
