import type * as oidc from 'openid-client';
import { createServiceCaller } from './service-api.ts';

/**
 * Notifying residents (the platform's notification API, docs/notifications.md): calls to
 * /api/notifications with a client-credentials token for scope "notify" (service-api.ts).
 * The resident is named by the pairwise `sub` the service received at login, and must have
 * allowed the service's notifications (otherwise: ServiceApiError `not_deliverable`). Give an
 * idempotency key (an application reference, say) so a retried send delivers once.
 */
type Texts = { en?: string; 'zh-Hant'?: string; 'zh-Hans'?: string };
export type NotificationInput = {
  sub: string;
  category: 'action_needed' | 'status' | 'reminder' | 'security';
  title: Texts;
  body: Texts;
  /** https, on one of the service's registered origins. */
  link?: string;
  /** Seconds until it expires (default 30 days). */
  expiresIn?: number;
  idempotencyKey?: string;
};
export type NotificationState = {
  id: string;
  category: string;
  languages: string[];
  created_at: string;
  expires_at: string;
  delivery: { inbox?: string; push?: string; sms?: string };
  read: boolean;
  read_at?: string | null;
  replayed?: boolean;
};

export function createNotificationsApi(config: oidc.Configuration, issuer: URL) {
  const call = createServiceCaller(config, issuer, 'notify');
  return {
    send(input: NotificationInput): Promise<NotificationState> {
      const { idempotencyKey, expiresIn, ...rest } = input;
      return call<NotificationState>('POST', '/api/notifications', { ...rest, ...(expiresIn ? { expires_in: expiresIn } : {}) }, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
    },
    /** Delivery per channel and whether the resident has read it (never the content). */
    status: (id: string) => call<NotificationState>('GET', `/api/notifications/${encodeURIComponent(id)}`),
  };
}
