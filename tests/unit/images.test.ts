// Your own images: the PNG decoder (every filter type, colour types gray, gray + alpha, RGB, RGBA and palette; broken
// files refused with what is wrong) and the resize to 28x28 or 32x32 in gray or RGB.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classesFromPaths, imageRow, imageSet, describeImageSet } from '../../src/data/images';
import { chunk, crc32, decodePng, encodePng } from '../../src/node/png';

/** A PNG written with the given colour type and per-row filter types (so every filter the decoder inverts is met). */
function pngWith(width: number, height: number, color: number, pixels: Uint8Array, filters: number[], palette?: Uint8Array): Buffer {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[color]!;
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length];
    raw[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = pixels[y * stride + i];
      const a = i >= channels ? pixels[y * stride + i - channels] : 0, b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0;
      const paeth = () => { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); return pa <= pb && pa <= pc ? a : pb <= pc ? b : c; };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][f];
      raw[y * (stride + 1) + 1 + i] = (x - predictor) & 0xff;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, color, 0, 0, 0], 8);
  return Buffer.concat([signature, chunk('IHDR', header), ...(palette ? [chunk('PLTE', palette)] : []),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

const noise = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 97 + seed * 31 + ((i * i) % 13)) & 0xff);

describe('decodePng', () => {
  it('reads back what encodePng wrote', () => {
    const rgb = noise(5 * 3 * 3, 1);
    expect(decodePng(encodePng(5, 3, rgb))).toEqual({ width: 5, height: 3, channels: 3, data: rgb });
  });

  for (const [color, channels] of [[0, 1], [2, 3], [4, 2], [6, 4]] as const) {
    it(`colour type ${color}: every filter type (0 to 4) inverted`, () => {
      const pixels = noise(7 * 5 * channels, color);
      const d = decodePng(pngWith(7, 5, color, pixels, [0, 1, 2, 3, 4]));
      expect(d.channels).toBe(channels);
      expect(Array.from(d.data)).toEqual(Array.from(pixels));
    });
  }

  it('palette images become RGB', () => {
    const palette = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255]);
    const d = decodePng(pngWith(3, 1, 3, Uint8Array.from([2, 0, 1]), [4], palette));
    expect(Array.from(d.data)).toEqual([0, 0, 255, 255, 0, 0, 0, 255, 0]);
  });

  it('refuses broken files, saying what is wrong', () => {
    const good = encodePng(4, 4, noise(48, 2));
    expect(() => decodePng(Buffer.from('GIF89a...'))).toThrow(/not a PNG file \(bad signature\)/);
    expect(() => decodePng(good.subarray(0, good.length - 20))).toThrow(/truncated/);
    const flipped = Buffer.from(good);
    flipped[40] ^= 0xff;
    expect(() => decodePng(flipped)).toThrow(/fails its CRC/);
    const sixteen = Buffer.from(good);
    sixteen[24] = 16; // IHDR's bit depth
    sixteen.writeUInt32BE(crc32(sixteen.subarray(12, 29)), 29);
    expect(() => decodePng(sixteen)).toThrow(/16-bit samples are not supported/);
    expect(() => decodePng(pngWith(2, 1, 3, Uint8Array.from([0, 9]), [0], Uint8Array.from([1, 2, 3])))).toThrow(/palette entry 9/);
  });
});

describe('images as rows', () => {
  const solid = (w: number, h: number, rgb: [number, number, number]) => ({ width: w, height: h, channels: 3, data: Uint8Array.from({ length: w * h * 3 }, (_, i) => rgb[i % 3]) });

  it('resizes any size to 28 or 32, gray by luminance or RGB planes', () => {
    const red = solid(50, 17, [255, 0, 0]);
    const gray = imageRow(red, 28, false);
    expect(gray.length).toBe(784);
    expect(gray.every((v) => Math.abs(v - 0.299) < 1e-6)).toBe(true);
    const rgb = imageRow(red, 32, true);
    expect(rgb.length).toBe(3 * 1024);
    expect(rgb.subarray(0, 1024).every((v) => Math.abs(v - 1) < 1e-6) && rgb.subarray(1024).every((v) => v === 0)).toBe(true);
  });

  it('averages when it shrinks: a fine checkerboard becomes mid-gray, not aliasing', () => {
    const board = { width: 112, height: 112, channels: 1, data: Uint8Array.from({ length: 112 * 112 }, (_, i) => ((i % 112) + Math.floor(i / 112)) % 2 ? 255 : 0) };
    const row = imageRow(board, 28, false);
    expect(Math.max(...row.map((v) => Math.abs(v - 0.5)))).toBeLessThan(0.05);
  });

  it('keeps the images it could read and says which it skipped and why', () => {
    const set = imageSet([{ name: 'a.png', pixels: solid(4, 4, [0, 0, 0]) }], { side: 32, rgb: true },
      [{ name: 'b.png', reason: 'not a PNG file (bad signature)' }]);
    expect(set).toMatchObject({ count: 1, side: 32, channels: 3, dims: 3072 });
    expect(describeImageSet(set)).toBe('kept 1 images of 32x32x3; skipped 1: b.png (not a PNG file (bad signature))');
    expect(() => imageSet([], { side: 30 })).toThrow(/side must be 28 or 32, got 30/);
  });
});

describe('a folder of class folders', () => {
  it('reads each folder as a class (labels in the order kept), skips what it cannot read, naming the folder', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadImageFolder } = await import('../../src/node/images');
    const dir = mkdtempSync(join(tmpdir(), 'webgpu-gan-classes-'));
    for (const [c, count] of [['cats', 2], ['dogs', 3]] as const) {
      mkdirSync(join(dir, c));
      for (let i = 0; i < count; i++) writeFileSync(join(dir, c, `${i}.png`), encodePng(4, 4, new Uint8Array(48).fill(40 * i + (c === 'dogs' ? 100 : 0))));
    }
    writeFileSync(join(dir, 'dogs', 'broken.png'), 'not an image');
    const set = loadImageFolder(dir);
    expect(set.classNames).toEqual(['cats', 'dogs']);
    expect(Array.from(set.labels!)).toEqual([0, 0, 1, 1, 1]);
    expect(set.count).toBe(5);
    expect(describeImageSet(set)).toMatch(/^kept 5 images of 28x28x1 in 2 classes \(cats, dogs\); skipped 1: dogs\/broken\.png \(not a PNG file/);
    // a folder with images of its own is read flat, without classes (its sub-folders are not read)
    writeFileSync(join(dir, 'loose.png'), encodePng(4, 4, new Uint8Array(48)));
    const flat = loadImageFolder(dir);
    expect([flat.count, flat.labels, flat.classNames]).toEqual([1, undefined, undefined]);
  });
});

describe('classes from paths (a folder of class folders dropped, or zipped, in the lab)', () => {
  it('takes each image\'s first folder below the shared ones as its class, sorted by name', () => {
    expect(classesFromPaths(['pets/dog/1.png', 'pets/cat/2.png', 'pets/dog/sub/3.png'])).toEqual({ labels: [1, 0, 1], classNames: ['cat', 'dog'] });
    expect(classesFromPaths(['set.zip/b/1.png', 'set.zip/a/2.png'])).toEqual({ labels: [1, 0], classNames: ['a', 'b'] });
    expect(classesFromPaths(['cat/1.png', 'dog/2.png'])).toEqual({ labels: [0, 1], classNames: ['cat', 'dog'] }); // folders dropped side by side
  });
  it('gives no classes to images in one folder, to picked files, or where an image sits beside the folders', () => {
    expect(classesFromPaths(['pets/1.png', 'pets/2.png'])).toBeUndefined();
    expect(classesFromPaths(['1.png', '2.png'])).toBeUndefined();
    expect(classesFromPaths(['pets/cat/1.png', 'pets/2.png'])).toBeUndefined();
    expect(classesFromPaths([])).toBeUndefined();
  });
});
