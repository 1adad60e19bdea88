// A folder of PNGs as a dataset for the CLI (`train --images DIR`): every file decoded (src/node/png.ts), resized
// and converted (src/data/images.ts); a file that is not a PNG, or is a broken one, is skipped and counted with its
// reason, never a crash. A folder of folders (two or more, no PNGs beside them) is a labelled set: each folder's name
// a class, for `--conditional`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { imageSet, type ImageSet, type ImageSetOptions, type Pixels } from '../data/images.js';
import { decodePng } from './png.js';

export function loadImageFolder(dir: string, options: ImageSetOptions = {}): ImageSet {
  const list = (folder: string) => {
    try {
      return readdirSync(folder).sort();
    } catch (e) {
      throw new Error(`--images ${folder}: ${(e as Error).message}`);
    }
  };
  const names = list(dir);
  const isDir = (name: string) => { try { return statSync(join(dir, name)).isDirectory(); } catch { return false; } };
  // a folder of class folders (and no images of its own): each folder's name is a class, for --conditional
  const classNames = names.filter(isDir);
  const sorted = classNames.length >= 2 && !names.some((n) => /\.png$/i.test(n));
  const images: { name: string; pixels: Pixels; label?: number }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const read = (folder: string, shown: string, label?: number) => {
    for (const name of list(folder)) {
      const path = join(folder, name);
      try {
        if (!statSync(path).isFile()) continue; // deeper folders are not read
        if (!/\.png$/i.test(name)) { skipped.push({ name: shown + name, reason: 'not a .png file' }); continue; }
        images.push({ name: shown + name, pixels: decodePng(readFileSync(path)), label });
      } catch (e) {
        skipped.push({ name: shown + name, reason: (e as Error).message });
      }
    }
  };
  if (sorted) classNames.forEach((c, label) => read(join(dir, c), `${c}/`, label));
  else read(dir, '');
  const set = imageSet(images, options, skipped, sorted ? classNames : undefined);
  if (set.count === 0) throw new Error(`--images ${dir}: no image could be read (${set.skipped.length} files skipped${set.skipped[0] ? `, e.g. ${set.skipped[0].name}: ${set.skipped[0].reason}` : ''})`);
  return set;
}
