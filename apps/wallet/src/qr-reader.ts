/**
 * Reads QR codes from the camera: the browser's BarcodeDetector where it has one (Android,
 * macOS), else jsQR on canvas frames (loaded only when needed). Returns a stop function.
 */
type Detector = (frame: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | undefined>;

type BarcodeDetectorLike = { detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>> };
type BarcodeDetectorCtor = { new (opts: { formats: string[] }): BarcodeDetectorLike; getSupportedFormats(): Promise<string[]> };

async function nativeDetector(): Promise<Detector | undefined> {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!ctor) return undefined;
  const formats = await ctor.getSupportedFormats().catch(() => [] as string[]);
  if (!formats.includes('qr_code')) return undefined;
  const detector = new ctor({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video))[0]?.rawValue;
}

async function jsQrDetector(): Promise<Detector> {
  // jsQR ships a UMD bundle: depending on the interop its function is the default export or inside it.
  type JsQr = (data: Uint8ClampedArray, width: number, height: number, opts?: { inversionAttempts?: 'dontInvert' }) => { data: string } | null;
  const mod = (await import('jsqr')) as unknown as { default: JsQr | { default: JsQr } };
  const jsQR = typeof mod.default === 'function' ? mod.default : mod.default.default;
  return async (video, canvas) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!w || !h) return undefined;
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    if (!g) return undefined;
    g.drawImage(video, 0, 0, w, h);
    return jsQR(g.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })?.data;
  };
}

export async function startQrReader(video: HTMLVideoElement, onCode: (text: string) => boolean): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  await video.play();
  const detect = (await nativeDetector()) ?? (await jsQrDetector());
  const canvas = document.createElement('canvas');
  let running = true;
  const stop = () => {
    running = false;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  const tick = async () => {
    if (!running) return;
    const text = await detect(video, canvas).catch(() => undefined);
    if (text && onCode(text)) return stop();
    setTimeout(() => void tick(), 200);
  };
  void tick();
  return stop;
}
