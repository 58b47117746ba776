// Draws the PNG app icons (the same mark as public/icons/icon.svg: "一", one) without a browser.
// Run: npm exec -- node apps/wallet/scripts/icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgb = [number, number, number];
const blue: Rgb = [0x00, 0x5e, 0xa5];
const white: Rgb = [0xff, 0xff, 0xff];
const yellow: Rgb = [0xff, 0xdd, 0x00];

function draw(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const s = size / 512;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [ux, uy] = [x / s, y / s];
      let c: Rgb = blue;
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
