// A minimal PNG writer (8-bit RGB, no interlace) on node:zlib, for the CLI's images; the figures themselves are
// drawn by raster.ts and charts.ts.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
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

/** Square grayscale images (side x side values in [0, 1], ink dark) in a grid of `columns`. */
export function imageGridPng(images: Float32Array, side: number, columns: number, scale = 3): Buffer {
  const count = images.length / (side * side);
  const rows = Math.ceil(count / columns);
  const width = columns * side * scale, height = rows * side * scale;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  for (let n = 0; n < count; n++) {
    const ox = (n % columns) * side * scale, oy = Math.floor(n / columns) * side * scale;
    for (let p = 0; p < side * side; p++) {
      const v = Math.round(255 * (1 - Math.min(1, Math.max(0, images[n * side * side + p]))));
      for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) {
        const x = ox + (p % side) * scale + sx, y = oy + Math.floor(p / side) * scale + sy;
        rgb.set([v, v, v], (y * width + x) * 3);
      }
    }
  }
  return encodePng(width, height, rgb);
}
