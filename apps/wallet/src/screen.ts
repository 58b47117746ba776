import type { Lang, T } from './i18n/index.ts';
import type { View } from './ui.ts';

/** What a screen gets from the app: the language, a way to show itself, navigation, messages. */
export type ScreenCtx = {
  readonly lang: Lang;
  readonly t: T;
  /** Shows the screen; `view` is called again when the language changes. Ignored once the resident has moved on. */
  show(view: () => View): void;
  /** Moves to another screen; `flash` is announced there. */
  go(path: string, opts?: { replace?: boolean; flash?: string }): void;
  /** A message for the live region (announced, and shown at the top of the screen). */
  flash(message: string): void;
  alive(): boolean;
  setSignedIn(signedIn: boolean): void;
  /** The inbox badge: set to a known count, or asked of the platform again. */
  setUnread(unread: number): void;
  refreshUnread(): void;
};

export type Screen = (ctx: ScreenCtx) => void;
