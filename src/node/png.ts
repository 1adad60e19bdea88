// A minimal PNG writer (8-bit RGB, no interlace) on node:zlib, for the CLI's images; the figures themselves are
// drawn by raster.ts and charts.ts.
import { deflateSync, inflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC. */
export function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes width x height RGB pixels (row-major, 3 bytes each). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error(`png: ${rgb.length} bytes for ${width}x${height} RGB`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    Buffer.from(rgb.subarray(y * width * 3, (y + 1) * width * 3)).copy(raw, y * (width * 3 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Square images (side x side values in [0, 1] per channel, planes one after the other) in a grid of `columns`:
 * ink (MNIST's digits: 1 is ink, drawn dark on white) or light (your images: 1 is white). */
export function imageGridPng(images: Float32Array, side: number, columns: number, scale = 3,
  { channels = 1, ink = true }: { channels?: number; ink?: boolean } = {}): Buffer {
  const size = side * side * channels;
  const count = images.length / size;
  const rows = Math.ceil(count / columns);
  const width = columns * side * scale, height = rows * side * scale;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const byte = (v: number) => Math.round(255 * (ink ? 1 - Math.min(1, Math.max(0, v)) : Math.min(1, Math.max(0, v))));
  for (let n = 0; n < count; n++) {
    const ox = (n % columns) * side * scale, oy = Math.floor(n / columns) * side * scale;
    for (let p = 0; p < side * side; p++) {
      const at = n * size + p;
      const colour = channels === 3 ? [0, 1, 2].map((c) => byte(images[at + c * side * side])) : Array(3).fill(byte(images[at]));
      for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) {
        const x = ox + (p % side) * scale + sx, y = oy + Math.floor(p / side) * scale + sy;
        rgb.set(colour, (y * width + x) * 3);
      }
    }
  }
  return encodePng(width, height, rgb);
}

/** A decoded image: width x height pixels of `channels` bytes (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA). */
export interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4, 3: 1 };
const MAX_SIDE = 8192;

/** Decodes a PNG of 8 bits per sample (gray, gray + alpha, RGB, RGBA or palette; not interlaced), checking every
 * chunk's CRC. Throws an Error saying what is wrong with the file. */
export function decodePng(bytes: Uint8Array): DecodedImage {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0, height = 0, colorType = -1, palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let at = 8; ;) {
    if (at + 12 > bytes.length) throw new Error('truncated (no IEND chunk)');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) throw new Error(`truncated in its ${type} chunk`);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) throw new Error(`its ${type} chunk fails its CRC`);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, color, , , interlace] = data.subarray(8, 13);
      if (depth !== 8) throw new Error(`${depth}-bit samples are not supported (8-bit only)`);
      if (!(color in CHANNELS)) throw new Error(`colour type ${color} is not a PNG colour type`);
      if (interlace !== 0) throw new Error('interlaced PNGs are not supported');
      if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) throw new Error(`${width}x${height} pixels: sides must be 1 to ${MAX_SIDE}`);
      colorType = color;
    } else if (type === 'PLTE') {
      palette = data;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (colorType < 0) throw new Error('no IHDR chunk');
  if (colorType === 3 && !palette) throw new Error('a palette image without its PLTE chunk');
  const channels = CHANNELS[colorType], stride = width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (e) {
    throw new Error(`its image data does not inflate (${(e as Error).message})`);
  }
  if (raw.length < (stride + 1) * height) throw new Error(`its image data holds ${raw.length} bytes, ${width}x${height} needs ${(stride + 1) * height}`);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = i >= channels && y > 0 ? out[(y - 1) * stride + i - channels] : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`row ${y} has filter type ${filter} (0 to 4 exist)`);
      }
      out[y * stride + i] = (line[i] + predictor) & 0xff;
    }
  }
  if (colorType !== 3) return { width, height, channels, data: out };
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    if (3 * out[i] + 2 >= palette!.length) throw new Error(`pixel ${i} names palette entry ${out[i]}, past the palette's end`);
    rgb.set(palette!.subarray(3 * out[i], 3 * out[i] + 3), 3 * i);
  }
  return { width, height, channels: 3, data: rgb };
}
