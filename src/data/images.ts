// Your own images as a dataset: decoded pixels (from a PNG decoder in Node, a canvas in the page) resized to side x
// side and converted to grayscale or RGB, one row per image in NCHW order (channel planes one after the other),
// values in [0, 1] (0 black, 1 white). Browser-safe: no Node imports.

/** Pixels as decoders give them: width x height, `channels` bytes per pixel (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA). */
export interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface ImageSetOptions {
  /** The side images are resized to: 28 or 32 (default 28). */
  side?: number;
  /** Three channels (RGB) instead of one (grayscale, by luminance). */
  rgb?: boolean;
}

/** A set of images as rows, with what was skipped and why. */
export interface ImageSet {
  rows: Float32Array;
  count: number;
  side: number;
  channels: number;
  dims: number;
  skipped: { name: string; reason: string }[];
  /** Each kept image's class and the classes' names, when the images came sorted into classes (a folder of class
   * folders): what a conditional GAN trains on. */
  labels?: Uint32Array;
  classNames?: string[];
}

export const IMAGE_SIDES = [28, 32] as const;
/** At most this many images make a dataset (32 x 32 x 3 floats each: 590 MB at the cap). */
export const MAX_IMAGES = 50_000;

/** The value of channel c (0 R, 1 G, 2 B) at integer pixel (x, y), in [0, 1]; alpha composites over black. */
function sample(p: Pixels, x: number, y: number, c: number): number {
  const at = (y * p.width + x) * p.channels;
  const d = p.data;
  const alpha = p.channels === 2 ? d[at + 1] / 255 : p.channels === 4 ? d[at + 3] / 255 : 1;
  const value = p.channels <= 2 ? d[at] : d[at + c];
  return (value / 255) * alpha;
}

/** Bilinear interpolation of channel c at the continuous position (fx, fy), pixel centres at + 0.5. */
function bilinear(p: Pixels, fx: number, fy: number, c: number): number {
  const x = Math.min(Math.max(fx - 0.5, 0), p.width - 1), y = Math.min(Math.max(fy - 0.5, 0), p.height - 1);
  const x0 = Math.floor(x), y0 = Math.floor(y), x1 = Math.min(x0 + 1, p.width - 1), y1 = Math.min(y0 + 1, p.height - 1);
  const tx = x - x0, ty = y - y0;
  const top = sample(p, x0, y0, c) * (1 - tx) + sample(p, x1, y0, c) * tx;
  const bottom = sample(p, x0, y1, c) * (1 - tx) + sample(p, x1, y1, c) * tx;
  return top * (1 - ty) + bottom * ty;
}

/** One image resized to side x side (each output pixel the mean of 4 x 4 bilinear samples over its area, so large
 * images shrink without aliasing) as `channels` planes: RGB, or luminance (0.299 R + 0.587 G + 0.114 B). */
export function imageRow(p: Pixels, side: number, rgb: boolean): Float32Array {
  const channels = rgb ? 3 : 1;
  const out = new Float32Array(channels * side * side);
  const sx = p.width / side, sy = p.height / side;
  const colour = (fx: number, fy: number, c: number) => (p.channels <= 2 ? bilinear(p, fx, fy, 0) : bilinear(p, fx, fy, c));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const sums = [0, 0, 0];
      for (let j = 0; j < 4; j++) {
        for (let i = 0; i < 4; i++) {
          const fx = (x + (i + 0.5) / 4) * sx, fy = (y + (j + 0.5) / 4) * sy;
          for (let c = 0; c < 3; c++) sums[c] += colour(fx, fy, c) / 16;
        }
      }
      if (rgb) for (let c = 0; c < 3; c++) out[c * side * side + y * side + x] = sums[c];
      else out[y * side + x] = 0.299 * sums[0] + 0.587 * sums[1] + 0.114 * sums[2];
    }
  }
  return out;
}

/** Checks the options and returns the side and channels (the error names the option). */
export function imageShape({ side = 28, rgb = false }: ImageSetOptions): { side: number; channels: number } {
  if (!(IMAGE_SIDES as readonly number[]).includes(side)) throw new Error(`images: side must be ${IMAGE_SIDES.join(' or ')}, got ${side}`);
  return { side, channels: rgb ? 3 : 1 };
}

/** The classes of images named by their paths ('pets/cat/1.png'), as the CLI reads a folder of class folders: below
 * the folders all the images share, each image's first folder is its class (sorted by name), when every image has
 * one and there are at least two; otherwise undefined (no classes). */
export function classesFromPaths(names: string[]): { labels: number[]; classNames: string[] } | undefined {
  const dirs = names.map((n) => n.split('/').slice(0, -1));
  if (dirs.length === 0) return undefined;
  let shared = 0;
  while (dirs.every((d) => d.length > shared && d[shared] === dirs[0][shared])) shared++;
  if (dirs.some((d) => d.length <= shared)) return undefined; // an image beside the class folders
  const classNames = [...new Set(dirs.map((d) => d[shared]))].sort();
  if (classNames.length < 2) return undefined;
  return { labels: dirs.map((d) => classNames.indexOf(d[shared])), classNames };
}

/** Builds the dataset from decoded images; `skipped` carries those that could not be decoded, with reasons. */
export function imageSet(images: { name: string; pixels: Pixels; label?: number }[], options: ImageSetOptions = {},
  skipped: { name: string; reason: string }[] = [], classNames?: string[]): ImageSet {
  const { side, channels } = imageShape(options);
  const dims = channels * side * side;
  const kept = images.slice(0, MAX_IMAGES);
  const over = images.slice(MAX_IMAGES).map(({ name }) => ({ name, reason: `past the first ${MAX_IMAGES} images` }));
  const rows = new Float32Array(kept.length * dims);
  kept.forEach(({ pixels }, i) => rows.set(imageRow(pixels, side, channels === 3), i * dims));
  const labels = classNames ? Uint32Array.from(kept, (image) => image.label ?? 0) : undefined;
  return { rows, count: kept.length, side, channels, dims, skipped: [...skipped, ...over], ...(labels ? { labels, classNames } : {}) };
}

/** 'kept 40 images; skipped 2: bad.png (not a PNG file (bad signature)), notes.txt (not a .png file)' */
export function describeImageSet(set: ImageSet, shown = 5): string {
  const skips = set.skipped.slice(0, shown).map((s) => `${s.name} (${s.reason})`).join(', ');
  const more = set.skipped.length > shown ? `, and ${set.skipped.length - shown} more` : '';
  const classes = set.classNames ? ` in ${set.classNames.length} classes (${set.classNames.join(', ')})` : '';
  return `kept ${set.count} images of ${set.side}x${set.side}x${set.channels}${classes}` + (set.skipped.length ? `; skipped ${set.skipped.length}: ${skips}${more}` : '');
}
