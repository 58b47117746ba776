import fs from 'node:fs';

/**
 * CPU profiles of exactly one scenario: the server runs with --inspect on a random local
 * port, and the bench starts and stops V8's sampling profiler over the inspector protocol
 * around the measured window (--cpu-prof alone would profile the whole life of the process:
 * start-up, seeding, every scenario).
 */
export type Profiler = { start(): Promise<void>; stop(file: string): Promise<void>; close(): void };

async function inspectorUrl(logFile: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const m = fs.readFileSync(logFile, 'utf8').match(/ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+/);
    if (m) return m[0];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no inspector URL in ${logFile}`);
}

export async function connectProfiler(logFile: string): Promise<Profiler> {
  const ws = new WebSocket(await inspectorUrl(logFile));
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('cannot connect to the server inspector'));
  });
  let next = 1;
  const pending = new Map<number, (result: unknown) => void>();
  ws.onmessage = (ev: MessageEvent) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
    if (msg.id !== undefined) pending.delete(msg.id);
  };
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  return {
    start: () => send('Profiler.start'),
    async stop(file) {
      const { profile } = await send<{ profile: unknown }>('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
    },
    close: () => ws.close(),
  };
}
