import { z } from 'zod';

/**
 * The Cloud Signature Consortium API v2.0 (CSC, "Architectures and protocols for remote
 * signature applications", version 2.0.0.2) as far as Yat speaks it — the payloads, with the
 * spec's own names, so they can be held against it:
 *
 * - §11.1 `info`: specs, name, logo, region, lang, description, authType, oauth2Issuer,
 *   methods, signAlgorithms {algos}, signature_formats, conformance_levels;
 * - §11.4 `credentials/list`: in credentialInfo, certificates, certInfo, authInfo, onlyValid;
 *   out credentialIDs, credentialInfos, onlyValid;
 * - §11.5 `credentials/info`: in credentialID, certificates, certInfo, authInfo; out
 *   description, signatureQualifier, key {status, algo, len, curve}, cert {status,
 *   certificates, issuerDN, serialNumber, subjectDN, validFrom, validTo}, auth {mode}
 *   (`authMode` as in v1.0.4 too, for older clients), SCAL, multisign, lang;
 * - §11.9 `signatures/signHash`: in credentialID, SAD (unused: the credential-scoped access
 *   token is the authorisation), hashes, hashAlgorithmOID, signAlgo, signAlgoParams,
 *   operationMode; out signatures;
 * - §8.4.2 / §8.4.3 credential authorization by OAuth 2.0 (`scope=credential`) with RFC 9396
 *   `authorization_details` of type `credential`: credentialID, hashAlgorithmOID,
 *   documentDigests [{hash, label}];
 * - §10.1 errors: `{error, error_description}`.
 */
export const CSC_SPECS = '2.0.0.2';
export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
} as const;
export const CSC_METHODS = ['info', 'credentials/list', 'credentials/info', 'signatures/signHash'] as const;

export type CscError = { error: string; error_description: string };

export function cscInfo(issuer: string, lang: string) {
  return {
    specs: CSC_SPECS,
    name: 'Yat remote signing',
    logo: `${issuer}/wallet/icons/icon-192.png`,
    region: 'HK',
    lang,
    description: 'Remote signing for residents at the plus level; each use approved on the resident’s wallet',
    authType: ['oauth2code'],
    oauth2Issuer: issuer,
    asynchronousOperationMode: false,
    methods: [...CSC_METHODS],
    validationInfo: false,
    signAlgorithms: { algos: [OID.ecdsaWithSha256] },
    signature_formats: { formats: [] as string[] },
    conformance_levels: [] as string[],
  };
}

export type CredentialView = { credentialID: string; chainPem: string[]; issuerDN: string; subjectDN: string; serialNumber: string; validFrom: Date; validTo: Date; status: 'valid' | 'revoked' };
export type CertificatesParam = 'none' | 'single' | 'chain';

/** GeneralizedTime (YYYYMMDDHHMMSSZ), as §11.5 shows validFrom / validTo. */
const generalized = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
const pemBody = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

export function cscCredentialInfo(c: CredentialView, opts: { certificates: CertificatesParam; certInfo: boolean; authInfo: boolean; lang: string }) {
  const certificates = opts.certificates === 'none' ? undefined : (opts.certificates === 'single' ? c.chainPem.slice(0, 1) : c.chainPem).map(pemBody);
  return {
    description: 'Signing certificate of a Yat digital identity (plus level)',
    key: { status: c.status === 'valid' ? 'enabled' : 'disabled', algo: [OID.ecPublicKey], len: 256, curve: OID.prime256v1 },
    cert: {
      status: c.status,
      ...(certificates ? { certificates } : {}),
      ...(opts.certInfo ? { issuerDN: c.issuerDN, serialNumber: c.serialNumber, subjectDN: c.subjectDN, validFrom: generalized(c.validFrom), validTo: generalized(c.validTo) } : {}),
    },
    // Every signature is authorised by OAuth 2.0 with the hashes (credential authorization).
    auth: { mode: 'oauth2code' },
    authMode: 'oauth2code',
    SCAL: '2',
    multisign: 20,
    lang: opts.lang,
  };
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');
const sha256b64 = b64.refine((v) => Buffer.from(v, 'base64').length === 32, 'must be a SHA-256 digest (32 bytes, base64)');
const credentialID = z.string().min(1).max(100);
const lang = z.string().max(35).optional();
const clientData = z.string().max(2000).optional();

/** RFC 9396 authorization_details of type `credential` (CSC §8.4.3). */
export const credentialDetail = z
  .object({
    type: z.literal('credential'),
    credentialID,
    hashAlgorithmOID: z.literal(OID.sha256, { message: `only SHA-256 (${OID.sha256}) digests are signed` }),
    documentDigests: z.array(z.object({ hash: sha256b64, label: z.string().trim().min(1).max(200).optional() })).min(1).max(20),
    locations: z.array(z.string()).optional(),
  })
  .passthrough();
export type CredentialDetail = z.infer<typeof credentialDetail>;

export const listBody = z.object({ userID: z.string().optional(), credentialInfo: z.boolean().optional(), certificates: z.enum(['none', 'single', 'chain']).optional(), certInfo: z.boolean().optional(), authInfo: z.boolean().optional(), onlyValid: z.boolean().optional(), lang, clientData });
export const infoBody = z.object({ credentialID, certificates: z.enum(['none', 'single', 'chain']).optional(), certInfo: z.boolean().optional(), authInfo: z.boolean().optional(), lang, clientData });
export const signHashBody = z.object({
  credentialID,
  SAD: z.string().max(4000).optional(),
  hashes: z.array(sha256b64).min(1).max(20),
  hashAlgorithmOID: z.string().max(100).optional(),
  signAlgo: z.string().max(100),
  signAlgoParams: z.string().max(1000).optional(),
  operationMode: z.enum(['S', 'A']).optional(),
  validity_period: z.number().int().optional(),
  response_uri: z.string().max(500).optional(),
  clientData,
});

// Reply schemas for the routes (the request schemas are above); the API document is built from them.
const strings = z.array(z.string());
export const errorSchema = z.object({ error: z.string(), error_description: z.string() });
const credentialInfoSchema = z.object({
  credentialID: z.string().optional(),
  description: z.string(),
  key: z.object({ status: z.string(), algo: strings, len: z.number().int(), curve: z.string() }),
  cert: z.object({ status: z.string(), certificates: strings.optional(), issuerDN: z.string().optional(), serialNumber: z.string().optional(), subjectDN: z.string().optional(), validFrom: z.string().optional(), validTo: z.string().optional() }),
  auth: z.object({ mode: z.string() }),
  authMode: z.string(),
  SCAL: z.string(),
  multisign: z.number().int(),
  lang: z.string(),
});
export const schemas = {
  info: {
    body: z.object({ lang }).optional(),
    response: z.object({
      specs: z.string(), name: z.string(), logo: z.string(), region: z.string(), lang: z.string(), description: z.string(), authType: strings, oauth2Issuer: z.string(), asynchronousOperationMode: z.boolean(), methods: strings, validationInfo: z.boolean(),
      signAlgorithms: z.object({ algos: strings }), signature_formats: z.object({ formats: strings }), conformance_levels: strings,
    }),
  },
  list: { body: listBody, response: z.object({ credentialIDs: strings, credentialInfos: z.array(credentialInfoSchema).optional(), onlyValid: z.boolean().optional() }) },
  credentialInfo: { body: infoBody, response: credentialInfoSchema },
  signHash: { body: signHashBody, response: z.object({ signatures: strings.describe('DER ECDSA signatures (Ecdsa-Sig-Value), base64, one per hash in order') }) },
};
