/**
 * What the rollup counts, read off one audit event: a list of (metric, dimension) pairs, each
 * counted once per hour and per day. Dimensions are services (client ids), profile fields,
 * districts or event types: never a resident. Declared as a table, so what is measured can be
 * read in one place and held against the audit event types (audit/audit.ts).
 */
export type CountedEvent = { type: string; outcome: string; clientId: string | null; fields: string[]; counterId: string | null };

export const metricNames = ['logins.approved', 'logins.declined', 'data.released', 'signatures', 'registrations.self', 'registrations.counter', 'notifications', 'errors', 'events'] as const;
export type MetricName = (typeof metricNames)[number];

type Rule = (e: CountedEvent, districtOf: (counterId: string | null) => string) => Array<[MetricName, string]>;

const byType: Record<string, Rule> = {
  'login.approved': (e) => [['logins.approved', e.clientId ?? ''], ...e.fields.map((f): [MetricName, string] => ['data.released', f])],
  'login.declined': (e) => [['logins.declined', e.clientId ?? '']],
  'data.released': (e) => e.fields.map((f): [MetricName, string] => ['data.released', f]),
  'signing.approved': (e) => [['signatures', e.clientId ?? '']],
  // Self-registration says nothing of where the resident lives; a counter's district is known.
  'registration.completed': () => [['registrations.self', 'online']],
  'counter.upgrade.completed': (e, districtOf) => [['registrations.counter', districtOf(e.counterId)]],
};

export function countsOf(e: CountedEvent, districtOf: (counterId: string | null) => string): Array<[MetricName, string]> {
  const out: Array<[MetricName, string]> = [['events', e.type], ...(byType[e.type]?.(e, districtOf) ?? [])];
  // Notifications are counted by service whatever their step (sent, delivered, read).
  if (e.type.startsWith('notification.')) out.push(['notifications', e.clientId ?? '']);
  if (e.outcome === 'failure') out.push(['errors', e.type]);
  return out;
}

/** The events in which a resident acts: they count towards the distinct active residents. */
export const residentActions = new Set([
  'login.approved',
  'registration.completed',
  'signing.approved',
  'ciba.approved',
  'profile.updated',
  'device.renamed',
  'device.removed',
  'grant.revoked',
  'counter.upgrade.completed',
  'counter.recovery.completed',
]);
