// The kernel tuner's cache in Node: one JSON file for every adapter of this machine, in the user's cache folder
// ($XDG_CACHE_HOME or ~/.cache, then webgpu-gan/tuning.json), or where WEBGPU_GAN_TUNING_CACHE points. A file that
// does not parse is reported by the tuner (a warning) and replaced at the next save.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TuningStore } from '../gpu/tuner.js';

export function defaultTuningCachePath(): string {
  if (process.env.WEBGPU_GAN_TUNING_CACHE) return process.env.WEBGPU_GAN_TUNING_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'webgpu-gan', 'tuning.json');
}

interface CacheFile {
  version: 1;
  adapters: Record<string, Record<string, string>>;
}

function readCache(path: string): CacheFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined; // no cache yet
  }
  const parsed = JSON.parse(text) as CacheFile;
  if (parsed?.version !== 1 || typeof parsed.adapters !== 'object' || parsed.adapters === null) {
    throw new Error(`${path} is not a version-1 tuning cache`);
  }
  return parsed;
}

export function fileTuningStore(adapter: string, path = defaultTuningCachePath()): TuningStore {
  return {
    load: () => {
      const entry = readCache(path)?.adapters[adapter];
      if (entry !== undefined && (typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
        throw new Error(`${path}: the entry for '${adapter}' is not an object`);
      }
      return entry;
    },
    save: (choices) => {
      let cache: CacheFile;
      try {
        cache = readCache(path) ?? { version: 1, adapters: {} };
      } catch {
        cache = { version: 1, adapters: {} }; // a corrupt file is replaced
      }
      cache.adapters[adapter] = choices;
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`; // written whole, then renamed: never half a file
      writeFileSync(temporary, JSON.stringify(cache, null, 1));
      renameSync(temporary, path);
    },
  };
}
