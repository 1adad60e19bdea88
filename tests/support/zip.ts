// A zip of stored (uncompressed) entries, for tests that upload a zip of images: local headers, the central
// directory and its end record, with each entry's CRC-32 (the PNG encoder's).
import { crc32 } from '../../src/node/png';

export function storedZip(files: { name: string; bytes: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [], central: Uint8Array[] = [];
  let offset = 0;
  const header = (size: number, fill: (v: DataView) => void) => {
    const b = new Uint8Array(size);
    fill(new DataView(b.buffer));
    return b;
  };
  for (const f of files) {
    const name = new TextEncoder().encode(f.name), crc = crc32(f.bytes);
    const sizes = (v: DataView, at: number) => {
      v.setUint32(at, crc, true); v.setUint32(at + 4, f.bytes.length, true); v.setUint32(at + 8, f.bytes.length, true);
      v.setUint16(at + 12, name.length, true);
    };
    parts.push(header(30, (v) => { v.setUint32(0, 0x04034b50, true); v.setUint16(4, 20, true); sizes(v, 14); }), name, f.bytes);
    central.push(header(46, (v) => {
      v.setUint32(0, 0x02014b50, true); v.setUint16(4, 20, true); v.setUint16(6, 20, true); sizes(v, 16); v.setUint32(42, offset, true);
    }), name);
    offset += 30 + name.length + f.bytes.length;
  }
  const centralSize = central.reduce((s, b) => s + b.length, 0);
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true); v.setUint16(8, files.length, true); v.setUint16(10, files.length, true);
    v.setUint32(12, centralSize, true); v.setUint32(16, offset, true);
  });
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of all) { out.set(b, at); at += b.length; }
  return out;
}
