// Draws the PNG app icons (the same mark as public/icons/icon.svg: "一", one) without a browser.
// Run: npm exec -- node apps/wallet/scripts/icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgb = [number, number, number];
const blue: Rgb = [0x00, 0x5e, 0xa5];
const white: Rgb = [0xff, 0xff, 0xff];
const yellow: Rgb = [0xff, 0xdd, 0x00];

const green: Rgb = [0x00, 0x70, 0x3c];

function draw(size: number, background: Rgb = blue): Buffer {
  const png = new PNG({ width: size, height: size });
  const s = size / 512;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [ux, uy] = [x / s, y / s];
      let c: Rgb = background;
      if (ux >= 96 && ux < 416 && uy >= 232 && uy < 280) c = white;
      if ((ux - 256) ** 2 + (uy - 144) ** 2 <= 28 ** 2) c = yellow;
      const i = (y * size + x) * 4;
      png.data[i] = c[0];
      png.data[i + 1] = c[1];
      png.data[i + 2] = c[2];
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

const dir = path.join(import.meta.dirname, '..', 'public', 'icons');
for (const size of [192, 512]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), draw(size));

/** A .ico holding one PNG image (ICONDIR + one ICONDIRENTRY + the PNG, as Windows Vista and every browser read it). */
function ico(png: Buffer, size: number): Buffer {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(size, 6);
  head.writeUInt8(size, 7);
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14);
  head.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([head, png]);
}

// The platform's /favicon.ico (the same mark) and the demo library service's own (green: another organisation).
const root = path.join(import.meta.dirname, '..', '..', '..');
fs.writeFileSync(path.join(root, 'apps', 'server', 'src', 'http', 'assets', 'favicon.ico'), ico(draw(32), 32));
fs.writeFileSync(path.join(root, 'examples', 'library-card', 'public', 'favicon.ico'), ico(draw(32, green), 32));
