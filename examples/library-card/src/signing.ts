import { PDFDocument, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { html, type Html } from './html.ts';
import { strings, type Lang } from './i18n.ts';
import type { Application } from './pages.ts';

/**
 * Signing the application, as a department would: the service renders the application as a
 * PDF, asks the platform for the resident's signature (the SDK's signing API, PAdES), shows
 * the QR code, the same-device link and the verification code, and keeps the signed PDF.
 */
export type PendingSignature = { id: string; url: string; code: string; expiresAt: string };

// The standard PDF fonts cover Latin text only: other characters are left out of the PDF.
const latin = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '').trim();

export async function applicationPdf(ref: string, a: Application, branchName: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Library card application ${ref}`);
  doc.setAuthor('Public Libraries');
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawText('Public Libraries', { x: 50, y: 790, size: 12, font: bold });
  page.drawText('Application for a library card', { x: 50, y: 760, size: 20, font: bold });
  const rows: Array<[string, string]> = [
    ['Reference', ref],
    ['Name', latin(a.nameEn)],
    ['Date of birth', a.birthdate],
    ['Email', latin(a.email)],
    ['Phone', latin(a.phone)],
    ['Postal address', latin(a.address)],
    ['Home library', latin(branchName)],
  ];
  rows.forEach(([k, v], i) => {
    page.drawText(k, { x: 50, y: 710 - i * 26, size: 11, font: bold });
    page.drawText(v || '-', { x: 180, y: 710 - i * 26, size: 11, font });
  });
  page.drawText('I declare that the information above is true and complete.', { x: 50, y: 500, size: 11, font });
  return doc.save();
}

export async function signPage(lang: Lang, s: { state: 'pending' | 'signed' | 'declined' | 'expired' | 'failed'; pending?: PendingSignature; ref: string; csrf: string }): Promise<{ title: string; body: Html }> {
  const t = strings[lang];
  if (s.state === 'signed') {
    return {
      title: t.signedTitle,
      body: html`<h1>${t.signedTitle}</h1><p class="notice" role="status" data-signed>${t.signedText.replace('{ref}', s.ref)}</p>
<p><a class="button" href="/sign/application.pdf" download="${s.ref}-signed.pdf" data-signed-pdf>${t.downloadSigned}</a></p>`,
    };
  }
  if (s.state !== 'pending' || !s.pending) {
    return {
      title: t.signTitle,
      body: html`<h1>${t.signTitle}</h1><p class="notice" role="status">${s.state === 'declined' ? t.signDeclined : t.signExpired}</p>
<form method="post" action="/sign"><input type="hidden" name="csrf" value="${s.csrf}"><button type="submit">${t.signAgain}</button></form>`,
    };
  }
  const qr = await QRCode.toDataURL(s.pending.url, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  return {
    title: t.signTitle,
    body: html`<h1>${t.signTitle}</h1>
<p>${t.signIntro}</p>
<p class="qr"><img src="${qr}" width="240" height="240" alt="${t.signQrAlt}"></p>
<p><a class="button secondary" href="${s.pending.url}" data-wallet-link>${t.signOnThisDevice}</a></p>
<h2>${t.verificationCode}</h2>
<p class="code" data-verification-code>${s.pending.code}</p>
<p class="muted">${t.verificationHelp}</p>
<p><a class="button" href="/sign">${t.signCheck}</a></p>`,
  };
}
