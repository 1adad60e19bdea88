// A folder of PNGs as a dataset for the CLI (`train --images DIR`): every file decoded (src/node/png.ts), resized
// and converted (src/data/images.ts); a file that is not a PNG, or is a broken one, is skipped and counted with its
// reason, never a crash.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { imageSet, type ImageSet, type ImageSetOptions, type Pixels } from '../data/images.js';
import { decodePng } from './png.js';

export function loadImageFolder(dir: string, options: ImageSetOptions = {}): ImageSet {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new Error(`--images ${dir}: ${(e as Error).message}`);
  }
  const images: { name: string; pixels: Pixels }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) continue; // sub-folders are not read
      if (!/\.png$/i.test(name)) { skipped.push({ name, reason: 'not a .png file' }); continue; }
      images.push({ name, pixels: decodePng(readFileSync(path)) });
    } catch (e) {
      skipped.push({ name, reason: (e as Error).message });
    }
  }
  const set = imageSet(images, options, skipped);
  if (set.count === 0) throw new Error(`--images ${dir}: no image could be read (${set.skipped.length} files skipped${set.skipped[0] ? `, e.g. ${set.skipped[0].name}: ${set.skipped[0].reason}` : ''})`);
  return set;
}
