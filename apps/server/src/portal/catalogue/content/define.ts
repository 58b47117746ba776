import type { Online, Service, Tri } from '../model.ts';

/**
 * The short form the data modules are written in: one object per service with only what
 * differs from the usual (a counter also takes it, the digital identity is accepted).
 */
export type ServiceRow = {
  s: string;
  n: Tri;
  m: Tri;
  c: readonly string[];
  l?: readonly string[];
  e?: readonly string[];
  d?: readonly string[];
  fee: number;
  feeNote?: Tri;
  days: number;
  on: Online;
  url?: string;
  counter?: boolean;
  id?: boolean;
  k?: readonly string[];
  pop?: number;
};

export function servicesOf(department: string, rows: readonly ServiceRow[]): Service[] {
  return rows.map((r) => ({
    slug: r.s,
    department,
    name: r.n,
    summary: r.m,
    categories: r.c,
    lifeEvents: r.l ?? [],
    eligibility: r.e ?? ['resident'],
    documents: r.d ?? ['hkid'],
    fee: r.fee,
    ...(r.feeNote ? { feeNote: r.feeNote } : {}),
    days: r.days,
    online: r.on,
    ...(r.url ? { url: r.url } : {}),
    counter: r.counter ?? true,
    identity: r.id ?? r.on !== 'none',
    ...(r.k ? { keywords: r.k } : {}),
    ...(r.pop ? { popular: r.pop } : {}),
  }));
}
