import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ServiceApiError, type YatClient } from '@yat/sdk';
import { layout, type Html } from './html.ts';
import { isLang, langs, pickLang, strings, type Lang } from './i18n.ts';
import { applicationPage, branches, homePage, messagePage, receivedPage, validate, type Application } from './pages.ts';
import { applicationPdf, signPage, type PendingSignature } from './signing.ts';

/**
 * The library-card service, as a department would write it: plain node:http, its own
 * sessions, and Yat only through the SDK. Sessions live in memory (a demo); the platform
 * can end one at any time through the back-channel logout endpoint.
 */
export const demoFields = { required: ['name_en'], optional: ['name_zh', 'birthdate', 'email', 'preferred_email', 'phone', 'address', 'postal_address'] } as const;

type Session = { sub: string; sid: string | undefined; idToken: string; form: Application; ref?: string; signing?: PendingSignature; signedPdf?: Uint8Array };

export type LibraryCardOptions = { yat: YatClient; baseUrl: string; issuer: string };

const css = fs.readFileSync(path.join(import.meta.dirname, '..', 'public', 'library.css'));
const favicon = fs.readFileSync(path.join(import.meta.dirname, '..', 'public', 'favicon.ico'));

function cookies(req: http.IncomingMessage): Record<string, string> {
  return Object.fromEntries((req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).filter((kv) => kv.length >= 2).map(([k, ...v]) => [k!, decodeURIComponent(v.join('='))]));
}

async function readBody(req: http.IncomingMessage, limit = 16 * 1024): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += (chunk as Buffer).toString('utf8');
    if (body.length > limit) throw new Error('body too large');
  }
  return body;
}

export function createLibraryCardServer(opts: LibraryCardOptions): http.Server & { sessions: Map<string, Session> } {
  const { yat, baseUrl } = opts;
  const secure = baseUrl.startsWith('https://');
  const sessions = new Map<string, Session>();
  // Sessions the platform ended (back-channel logout), so the next visit says why instead of silently being logged out.
  const endedByYat = new Map<string, number>();
  const csrfKey = crypto.randomBytes(32);
  const csrfFor = (sessionId: string) => crypto.createHmac('sha256', csrfKey).update(sessionId).digest('base64url');
  const applications: Array<{ ref: string; at: number; form: Application }> = [];
  const cookie = (name: string, value: string, maxAge: number) => `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
  // The logout form's redirect goes to the platform: form-action must allow it.
  // img-src data: for the signing QR code, drawn on the server.
  const csp = `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' ${new URL(opts.issuer).origin}; frame-ancestors 'none'; base-uri 'none'`;

  /**
   * "Your library card is ready", in the resident's wallet inbox, as a department's back office
   * would send it (the demo's cards are ready at once). The application reference is the
   * idempotency key, so a retry never tells them twice. A resident who did not allow this
   * service's notifications is simply not told (`not_deliverable`); the application stands.
   */
  async function tellCardReady(sub: string, ref: string, branch: string): Promise<void> {
    const branchIn = (lang: Lang) => strings[lang].branches[branch as (typeof branches)[number]] ?? branch;
    const title = Object.fromEntries(langs.map((l) => [l, strings[l].cardReadyTitle]));
    const body = Object.fromEntries(langs.map((l) => [l, strings[l].cardReadyBody.replace('{ref}', ref).replace('{branch}', branchIn(l))]));
    try {
      await yat.notifications.send({ sub, category: 'status', title, body, link: `${baseUrl}/`, idempotencyKey: ref });
    } catch (err) {
      if (!(err instanceof ServiceApiError && err.code === 'not_deliverable')) process.stderr.write(`library-card: could not send the card-ready notification for ${ref}: ${(err as Error).message}\n`);
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const jar = cookies(req);
    const lang: Lang = pickLang(url.searchParams.get('lang'), jar.lc_lang, req.headers['accept-language']);
    const t = strings[lang];
    const setCookies: string[] = [];
    if (isLang(url.searchParams.get('lang'))) setCookies.push(cookie('lc_lang', lang, 365 * 86400));
    const sessionId = jar.lc_session && sessions.has(jar.lc_session) ? jar.lc_session : undefined;
    const session = sessionId ? sessions.get(sessionId) : undefined;
    const ended = jar.lc_session && !session && endedByYat.delete(jar.lc_session);

    const send = (status: number, page: { title: string; body: Html }) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'set-cookie': setCookies });
      res.end(layout(lang, url.pathname, page.title, page.body));
    };
    const redirect = (location: string) => {
      res.writeHead(303, { location, 'set-cookie': setCookies, 'cache-control': 'no-store' });
      res.end();
    };
    const checkCsrf = (form: URLSearchParams) => !!sessionId && form.get('csrf') === csrfFor(sessionId);
    if (ended && req.method === 'GET' && !url.pathname.startsWith('/assets/') && url.pathname !== '/favicon.ico') {
      setCookies.push(cookie('lc_session', '', 0));
      return redirect('/ended');
    }

    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /assets/library.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' });
      return void res.end(css);
    }
    if (route === 'GET /favicon.ico') {
      res.writeHead(200, { 'content-type': 'image/x-icon', 'cache-control': 'max-age=86400' });
      return void res.end(favicon);
    }
    if (route === 'GET /') return send(200, homePage(lang, { signedIn: !!session }));
    if (route === 'GET /ended') return send(200, homePage(lang, { signedIn: !!session, message: t.endedByYat }));
    if (route === 'GET /logged-out') return send(200, homePage(lang, { signedIn: !!session, message: t.sessionEnded }));
    if (route === 'GET /login') {
      const { url: authUrl, cookieState } = await yat.startLogin({ fields: [...demoFields.required, ...demoFields.optional], uiLocales: lang });
      setCookies.push(cookie('lc_login', cookieState, 600));
      return redirect(authUrl);
    }
    if (route === 'GET /callback') {
      setCookies.push(cookie('lc_login', '', 0));
      if (url.searchParams.get('error')) return send(200, messagePage(lang, t.title, url.searchParams.get('error') === 'access_denied' ? t.declined : t.loginFailed));
      if (!jar.lc_login) return send(400, messagePage(lang, t.title, t.loginFailed));
      let result;
      try {
        result = await yat.finishLogin(url, jar.lc_login);
      } catch {
        return send(400, messagePage(lang, t.title, t.loginFailed));
      }
      const f = result.fields;
      const id = crypto.randomBytes(32).toString('base64url');
      const form: Application = {
        nameEn: f.name_en ?? '',
        nameZh: f.name_zh ?? '',
        birthdate: f.birthdate ?? '',
        email: f.preferred_email ?? f.email ?? '',
        phone: f.phone ?? '',
        address: f.postal_address ?? f.address ?? '',
        branch: 'central',
      };
      sessions.set(id, { sub: result.claims.sub, sid: typeof result.claims.sid === 'string' ? result.claims.sid : undefined, idToken: result.tokens.idToken, form });
      setCookies.push(cookie('lc_session', id, 8 * 3600));
      return redirect('/apply');
    }
    if (route === 'GET /apply') {
      if (!session || !sessionId) return redirect('/');
      return send(200, applicationPage(lang, session.form, { csrf: csrfFor(sessionId) }));
    }
    if (route === 'POST /apply') {
      const form = new URLSearchParams(await readBody(req));
      if (!session || !sessionId || !checkCsrf(form)) return redirect('/');
      const a: Application = { nameEn: '', nameZh: '', birthdate: '', email: '', phone: '', address: '', branch: '' };
      for (const k of Object.keys(a) as Array<keyof Application>) a[k] = (form.get(k) ?? '').trim().slice(0, 300);
      const errors = validate(lang, a);
      if (Object.keys(errors).length) return send(400, applicationPage(lang, a, { csrf: csrfFor(sessionId), errors }));
      const ref = `LC-${new Date().getFullYear()}-${String(applications.length + 1).padStart(6, '0')}`;
      applications.push({ ref, at: Date.now(), form: a });
      session.form = a;
      session.ref = ref;
      await tellCardReady(session.sub, ref, a.branch);
      return send(200, receivedPage(lang, ref, a.branch, csrfFor(sessionId)));
    }
    // Signing the application (PAdES) through the platform's signing API, for this resident only (sub).
    if (route === 'POST /sign') {
      const form = new URLSearchParams(await readBody(req));
      if (!session || !sessionId || !checkCsrf(form) || !session.ref) return redirect('/');
      const branchName = t.branches[session.form.branch as (typeof branches)[number]] ?? session.form.branch;
      const pdf = await applicationPdf(session.ref, session.form, strings.en.branches[session.form.branch as (typeof branches)[number]] ?? branchName);
      try {
        const r = await yat.signing.request({ pdf: { name: `${session.ref}.pdf`, data: pdf }, sub: session.sub });
        session.signing = { id: r.id, url: r.url, code: r.verification_code, expiresAt: r.expires_at };
        session.signedPdf = undefined;
      } catch (err) {
        return send(502, messagePage(lang, t.signTitle, t.signFailed.replace('{message}', (err as Error).message)));
      }
      return redirect('/sign');
    }
    if (route === 'GET /sign') {
      if (!session || !sessionId || !session.ref || !session.signing) return redirect('/');
      const status = await yat.signing.status(session.signing.id);
      if (status.status === 'signed' && status.documents[0]?.signed_pdf) session.signedPdf = Buffer.from(status.documents[0].signed_pdf, 'base64');
      return send(200, await signPage(lang, { state: status.status, pending: session.signing, ref: session.ref, csrf: csrfFor(sessionId) }));
    }
    if (route === 'GET /sign/application.pdf') {
      if (!session?.signedPdf) return redirect('/');
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${session.ref}-signed.pdf"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      return void res.end(Buffer.from(session.signedPdf));
    }
    if (route === 'POST /logout') {
      const form = new URLSearchParams(await readBody(req));
      if (!session || !sessionId || !checkCsrf(form)) return redirect('/');
      sessions.delete(sessionId);
      setCookies.push(cookie('lc_session', '', 0));
      return redirect(yat.logoutUrl(session.idToken, { postLogoutRedirectUri: `${baseUrl}/logged-out` }));
    }
    if (route === 'POST /backchannel-logout') {
      try {
        const token = await yat.verifyLogoutToken(await readBody(req));
        for (const [id, s] of sessions) {
          if ((token.sid && s.sid === token.sid) || (!token.sid && token.sub === s.sub)) {
            sessions.delete(id);
            if (endedByYat.size > 10_000) endedByYat.clear();
            endedByYat.set(id, Date.now());
          }
        }
        res.writeHead(200, { 'cache-control': 'no-store' });
      } catch {
        res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        return void res.end(JSON.stringify({ error: 'invalid_request' }));
      }
      return void res.end();
    }
    return send(404, messagePage(lang, t.notFound, t.notFound));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad request');
    });
  });
  return Object.assign(server, { sessions });
}
