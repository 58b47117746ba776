import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { envSchema, loadConfig } from '../../src/config.ts';

/**
 * No container runtime can pull images here, so the deployment files are checked for what can
 * be checked: every file parses; HAProxy accepts its configuration; the environment each file
 * gives Yat is exactly configuration the server validates (no misspelt or invented variable),
 * with every setting a multi-instance production deployment needs, and the server accepts it;
 * the probes, limits and security settings are there; the dashboard asks for metrics Yat exposes.
 */
const deploy = path.resolve(import.meta.dirname, '../../../../deploy');
const known = new Set(Object.keys(envSchema.shape));
// Read by Node itself, not by Yat's configuration (heap limits, docs/operations.md "Memory").
const nodeOwn = new Set(['NODE_OPTIONS']);
// What several instances behind a load balancer need, beyond what production always requires.
const multiInstance = ['NODE_ENV', 'ISSUER', 'DATABASE_URL', 'REDIS_URL', 'KEYS_FILE', 'TRUST_PROXY', 'SMS_GATEWAY_URL'];

type Env = Record<string, string>;

function expectYatEnv(where: string, env: Env): void {
  const unknown = Object.keys(env).filter((k) => !known.has(k) && !nodeOwn.has(k));
  expect(unknown, `${where}: variables the server does not read`).toEqual([]);
  expect(multiInstance.filter((k) => !env[k]), `${where}: missing`).toEqual([]);
  expect(env.NODE_ENV, where).toBe('production');
  expect(env.TRUST_PROXY, where).toBe('true');
  const config = loadConfig(env);
  expect(config.issuer.startsWith('https://'), where).toBe(true);
  expect(config.databaseUrl, where).toMatch(/^postgres:\/\//);
  expect(config.redisUrl, where).toMatch(/^rediss?:\/\//);
}

/** Compose's ${VAR:?message} and ${VAR:-default}, filled as an operator would. */
function interpolate(value: string): string {
  const samples: Env = { ISSUER: 'https://id.example.gov', POSTGRES_PASSWORD: 'secret', SMS_GATEWAY_URL: 'https://sms.example.gov/send' };
  return value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_, name: string, rest: string | undefined) => samples[name] ?? rest ?? '');
}

const yamlFiles = () => [path.join(deploy, 'compose.yaml'), ...fs.readdirSync(path.join(deploy, 'kubernetes')).map((f) => path.join(deploy, 'kubernetes', f))].filter((f) => /\.ya?ml$/.test(f));

type K8s = { kind: string; metadata: { name: string }; data?: Env; stringData?: Env; spec?: any };
function manifests(): K8s[] {
  return fs
    .readdirSync(path.join(deploy, 'kubernetes'))
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(deploy, 'kubernetes', f), 'utf8')).map((d) => d.toJS() as K8s));
}

describe('deployment files', () => {
  test('every YAML file parses, without errors or warnings', () => {
    const files = yamlFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      for (const doc of parseAllDocuments(fs.readFileSync(f, 'utf8'), { merge: true })) {
        expect(doc.errors.map((e) => e.message), f).toEqual([]);
        expect(doc.warnings.map((e) => e.message), f).toEqual([]);
      }
    }
  });

  test('haproxy.cfg: HAProxy accepts it, plain and terminating TLS; health checks on /readyz outlast the server’s own checks', () => {
    const cfg = path.join(deploy, 'haproxy.cfg');
    const servers = { YAT_SERVER_1: '127.0.0.1:3001', YAT_SERVER_2: '127.0.0.1:3002', YAT_SERVER_3: '127.0.0.1:3003' };
    const plain = spawnSync('haproxy', ['-c', '-f', cfg], { env: { ...process.env, ...servers }, encoding: 'utf8' });
    expect(plain.status, plain.stderr).toBe(0);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-haproxy-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=id.example.gov', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      fs.writeFileSync(path.join(dir, 'yat.pem'), fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') + fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'));
      const tls = spawnSync('haproxy', ['-c', '-f', cfg], { env: { ...process.env, ...servers, YAT_TLS_CERT: path.join(dir, 'yat.pem') }, encoding: 'utf8' });
      expect(tls.status, tls.stderr).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const text = fs.readFileSync(cfg, 'utf8');
    expect(text).toMatch(/http-check send meth GET uri \/readyz/);
    // Regression (chaos campaign): a 1 s check timeout took every instance out after Redis was back.
    const check = Number(text.match(/timeout check (\d+)s/)?.[1]);
    expect(check).toBeGreaterThan(2);
    // Every server line the cluster and compose can set.
    for (let i = 1; i <= 9; i++) expect(text).toContain(`server yat${i} "\${YAT_SERVER_${i}}"`);
  });

  test('compose: three instances behind HAProxy, PostgreSQL, Redis and a one-shot migration, with exactly the configuration Yat validates', () => {
    const compose = parse(fs.readFileSync(path.join(deploy, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, any>; secrets: Record<string, unknown> };
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual(['haproxy', 'migrate', 'postgres', 'redis', 'yat1', 'yat2', 'yat3']);
    expect(s.migrate.command).toEqual(['migrate']);
    expect(s.migrate.restart).toBe('no');
    for (const name of ['migrate', 'yat1', 'yat2', 'yat3']) {
      const svc = s[name];
      const env = Object.fromEntries(Object.entries(svc.environment as Env).map(([k, v]) => [k, interpolate(String(v))]));
      expectYatEnv(`compose ${name}`, env);
      expect(svc.read_only, name).toBe(true);
      expect(svc.secrets[0].target, name).toBe(env.KEYS_FILE);
      if (name !== 'migrate') expect(svc.depends_on.migrate.condition, name).toBe('service_completed_successfully');
    }
    expect(s.haproxy.volumes).toContain('./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect([1, 2, 3].map((i) => s.haproxy.environment[`YAT_SERVER_${i}`])).toEqual(['yat1:3000', 'yat2:3000', 'yat3:3000']);
  });

  test('Kubernetes: Deployment with probes, limits and a read-only root, HPA, PDB, migration Job, Secret, Service, Ingress; the environment is Yat’s configuration', () => {
    const all = manifests();
    const kinds = new Set(all.map((m) => m.kind));
    for (const k of ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Job', 'Secret', 'Ingress', 'Service', 'ConfigMap']) expect(kinds, k).toContain(k);
    const byName = (kind: string, name: string) => all.find((m) => m.kind === kind && m.metadata.name === name)!;

    for (const workload of [all.find((m) => m.kind === 'Deployment')!, all.find((m) => m.kind === 'Job')!]) {
      const pod = workload.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      for (const c of pod.containers) {
        const env: Env = {};
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef) Object.assign(env, byName('ConfigMap', from.configMapRef.name).data);
          if (from.secretRef) Object.assign(env, byName('Secret', from.secretRef.name).stringData);
        }
        for (const e of c.env ?? []) env[e.name] = e.value;
        expectYatEnv(`${workload.kind} ${c.name}`, env);
        expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
        expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
        expect(c.resources.limits.memory && c.resources.limits.cpu && c.resources.requests.cpu).toBeTruthy();
        // The key file is the mounted Secret, the same for every instance.
        const keysMount = c.volumeMounts.find((m: { name: string }) => m.name === 'keys');
        expect(path.dirname(env.KEYS_FILE!)).toBe(keysMount.mountPath);
        expect(pod.volumes.find((v: { name: string }) => v.name === 'keys').secret.secretName).toBe('yat-keys');
        expect(byName('Secret', 'yat-keys').stringData![path.basename(env.KEYS_FILE!)]).toBeDefined();
      }
    }
    const c = all.find((m) => m.kind === 'Deployment')!.spec.template.spec.containers[0];
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(all.find((m) => m.kind === 'Job')!.spec.template.spec.containers[0].args).toEqual(['migrate']);
    expect(all.find((m) => m.kind === 'HorizontalPodAutoscaler')!.spec.scaleTargetRef.name).toBe('yat');
    const kustomization = parse(fs.readFileSync(path.join(deploy, 'kubernetes/kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect(kustomization.resources.sort()).toEqual(fs.readdirSync(path.join(deploy, 'kubernetes')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort());
  });

  test('Dockerfile: multi-stage on Node 24, runs as a non-root user, sets only configuration Yat validates', () => {
    const text = fs.readFileSync(path.join(deploy, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    expect(text).toMatch(/^USER 1000:1000$/m);
    expect(text).toMatch(/npm ci --omit=dev/);
    const env = [...text.matchAll(/^ENV ((?:.|\\\n)+)$/gm)].flatMap((m) => [...m[1]!.matchAll(/(\w+)=/g)].map((x) => x[1]!));
    expect(env.length).toBeGreaterThan(0);
    expect(env.filter((k) => !known.has(k))).toEqual([]);
  });

  test('Grafana dashboard: valid JSON whose queries use only the metrics Yat exposes, and every one of them', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(deploy, 'grafana/yat-dashboard.json'), 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const exposed = ['yat_http_requests_total', 'yat_http_request_duration_seconds', 'yat_login_funnel_total', 'yat_registrations_total', 'yat_db_pool_connections', 'yat_db_query_duration_seconds', 'yat_redis_up', 'yat_background_job_lag_seconds', 'nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes'];
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b((?:yat|nodejs|process)_[a-z_]+)/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''))));
    expect([...used].filter((m) => !exposed.includes(m))).toEqual([]);
    expect(exposed.filter((m) => !used.has(m))).toEqual([]);
  });
});
