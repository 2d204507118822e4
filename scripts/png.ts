/** A minimal grayscale PNG writer for sample grids (previews only; nothing in the game reads these). */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../ml/checkpoint';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Images of rows×cols 8-bit pixels laid out `perRow` to a row, 1 px gap. */
export function encodeGridPng(images: Uint8Array[], rows: number, cols: number, perRow: number): Uint8Array {
  const gridRows = Math.ceil(images.length / perRow);
  const w = perRow * (cols + 1) + 1;
  const h = gridRows * (rows + 1) + 1;
  const raw = new Uint8Array(h * (w + 1)).fill(64);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0; // filter byte: none
  images.forEach((img, k) => {
    const ox = (k % perRow) * (cols + 1) + 1;
    const oy = Math.floor(k / perRow) * (rows + 1) + 1;
    for (let y = 0; y < rows; y++) raw.set(img.subarray(y * cols, (y + 1) * cols), (oy + y) * (w + 1) + 1 + ox);
  });
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, w);
  v.setUint32(4, h);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const sig = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
  const parts = [sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
}
