// Your images into the page: files picked, a zip, or a folder dropped, decoded by the browser (createImageBitmap),
// each bad file skipped with its reason; then src/data/images.ts resizes them into rows.
import { classesFromPaths, imageSet, MAX_IMAGES, type ImageSet, type ImageSetOptions, type Pixels } from '../src/index';

/** The largest zip or image file read (a bigger one is skipped, not read). */
const MAX_FILE_BYTES = 64 * 2 ** 20;

interface Named { name: string; blob: Blob }

/** Decodes one image; throws with the browser's reason when it cannot. */
async function decode(blob: Blob): Promise<Pixels> {
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, channels: 4, data };
  } finally {
    bitmap.close();
  }
}

/** The files of a zip (stored or deflated entries), read from its central directory. */
async function unzip(zip: Blob): Promise<Named[]> {
  const bytes = new Uint8Array(await zip.arrayBuffer());
  const view = new DataView(bytes.buffer);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files: Named[] = [];
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('a broken zip (bad central directory entry)');
    const method = view.getUint16(at + 10, true), size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true), extra = view.getUint16(at + 30, true), comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
    if (name.endsWith('/')) continue; // a folder
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (method === 0) files.push({ name, blob: new Blob([data]) });
    else if (method === 8) files.push({ name, blob: await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).blob() });
    else files.push({ name, blob: new Blob([]) }); // an unknown method: decoding it fails, and it is skipped
  }
  return files;
}

/** Every file under a dropped folder (entries from DataTransferItem.webkitGetAsEntry). */
async function filesOf(entry: FileSystemEntry, path = ''): Promise<Named[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ name: path + entry.name, blob: file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const all: Named[] = [];
  for (;;) { // readEntries gives a batch at a time, until an empty one
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    for (const e of batch) all.push(...(await filesOf(e, `${path}${entry.name}/`)));
  }
}

/** Images from picked files (a zip among them is opened) or from a drop (folders walked): decoded, resized,
 * converted; files that are not images, or broken ones, skipped with their reasons. */
export async function imagesFrom(source: FileList | DataTransferItemList, options: ImageSetOptions): Promise<ImageSet> {
  const named: Named[] = [];
  if (source instanceof FileList) {
    for (const f of Array.from(source)) named.push({ name: f.name, blob: f });
  } else {
    const entries = Array.from(source).map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
    for (const e of entries) named.push(...(await filesOf(e)));
  }
  const images: { name: string; pixels: Pixels }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const queue = [...named];
  while (queue.length > 0 && images.length < MAX_IMAGES) {
    const { name, blob } = queue.shift()!;
    if (blob.size > MAX_FILE_BYTES) { skipped.push({ name, reason: `${(blob.size / 2 ** 20).toFixed(0)} MB, over ${MAX_FILE_BYTES / 2 ** 20} MB` }); continue; }
    if (/\.zip$/i.test(name)) {
      try {
        queue.push(...(await unzip(blob)).map((f) => ({ name: `${name}/${f.name}`, blob: f.blob })));
      } catch (e) {
        skipped.push({ name, reason: (e as Error).message });
      }
      continue;
    }
    try {
      images.push({ name, pixels: await decode(blob) });
    } catch (e) {
      skipped.push({ name, reason: `not an image the browser can decode (${(e as Error).message || (e as Error).name})` });
    }
  }
  skipped.push(...queue.map(({ name }) => ({ name, reason: `past the first ${MAX_IMAGES} images` })));
  // a folder of class folders (dropped, or zipped): each image's folder is its class, for a conditional run
  const classes = classesFromPaths(images.map(({ name }) => name));
  return imageSet(images.map((image, i) => ({ ...image, label: classes?.labels[i] })), options, skipped, classes?.classNames);
}
