/**
 * Reads one top-level stream of an OLE2 compound file ([MS-CFB]), the container of a legacy .xls.
 *
 * Written here rather than taken from `cfb` (SheetJS's reader, also used inside `xlsx`): cfb 1.2.2
 * follows a sector chain without loop detection, so a file of a few hundred KB whose FAT links a
 * chain back onto itself makes it allocate until the process dies (tried: an 827 KB data_j.xls
 * with one FAT entry changed exhausts a 200 MB heap). A listing is a download from the internet,
 * so this reader checks every sector number against the file, follows each chain at most once
 * per sector (a loop is an error) and so runs in time and memory linear in the file's size.
 * It reads what a .xls needs and nothing else: the header, the DIFAT, the FAT, the directory,
 * the mini stream; no writing, no properties.
 */
import { XlsReadError } from './xls-read.error';

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_SIZE = 128;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

/** True when `file` starts with the OLE2 compound-file signature. */
export function isCompoundFile(file: Uint8Array): boolean {
  return file.length >= SIGNATURE.length && SIGNATURE.equals(file.subarray(0, SIGNATURE.length));
}

interface DirectoryEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/**
 * The content of the top-level stream named one of `names` (compared case-insensitively, as
 * [MS-CFB] does), with the name found; null when the file has none of them. Throws XlsReadError
 * `not-xls` when `file` is not a compound file, `corrupt` when a structure is out of bounds,
 * truncated or loops.
 */
export function readCompoundStream(
  file: Buffer,
  names: readonly string[],
): { name: string; content: Buffer } | null {
  if (!isCompoundFile(file)) {
    throw new XlsReadError('not-xls', 'not an OLE2 compound file (no D0 CF 11 E0 signature)');
  }
  if (file.length < 512) throw corrupt(`only ${file.length} bytes, shorter than the header`);
  const major = file.readUInt16LE(26);
  const sectorShift = file.readUInt16LE(30);
  if (!((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12))) {
    throw corrupt(`unknown version ${major} / sector shift ${sectorShift}`);
  }
  const sectorSize = 1 << sectorShift;
  const miniSectorSize = 1 << file.readUInt16LE(32);
  if (miniSectorSize !== 64) throw corrupt(`mini sector size ${miniSectorSize} (expected 64)`);
  // Some writers leave the last sector short: it counts, but only stream data may use it.
  const sectorCount = Math.ceil((file.length - sectorSize) / sectorSize);
  const perSector = sectorSize / 4;

  const sectorAt = (id: number, what: string, partial = false): Buffer => {
    const offset = (id + 1) * sectorSize;
    if (id >= sectorCount || (!partial && offset + sectorSize > file.length)) {
      throw corrupt(
        `${what} sector ${id} lies beyond the end of the file (${file.length} bytes): truncated`,
      );
    }
    return file.subarray(offset, offset + sectorSize);
  };

  // FAT sector numbers: 109 in the header, then a chain of DIFAT sectors.
  const fatSectorCount = file.readUInt32LE(44);
  if (fatSectorCount > sectorCount) {
    throw corrupt(`${fatSectorCount} FAT sectors in a file of ${sectorCount}: truncated`);
  }
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < fatSectorCount; i += 1) {
    fatSectors.push(file.readUInt32LE(76 + 4 * i));
  }
  let difat = file.readUInt32LE(68);
  const seenDifat = new Set<number>();
  while (fatSectors.length < fatSectorCount) {
    if (difat === ENDOFCHAIN || difat === FREESECT) throw corrupt('the DIFAT chain ends early');
    if (seenDifat.has(difat)) throw corrupt('the DIFAT chain loops');
    seenDifat.add(difat);
    const sector = sectorAt(difat, 'DIFAT');
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatSectorCount; i += 1) {
      fatSectors.push(sector.readUInt32LE(4 * i));
    }
    difat = sector.readUInt32LE(sectorSize - 4);
  }
  const fat = new Uint32Array(fatSectorCount * perSector);
  fatSectors.forEach((id, i) => {
    const sector = sectorAt(id, 'FAT');
    for (let j = 0; j < perSector; j += 1) fat[i * perSector + j] = sector.readUInt32LE(4 * j);
  });

  /** The sectors of the chain from `start`, each sector once (a loop or a gap is corrupt). */
  const chain = (next: Uint32Array, start: number, limit: number, what: string): number[] => {
    const ids: number[] = [];
    const seen = new Uint8Array(next.length);
    for (let id = start; id !== ENDOFCHAIN; id = next[id]) {
      if (id >= next.length || id >= limit) {
        throw corrupt(`the ${what} chain points at sector ${id}, past the end: truncated`);
      }
      if (seen[id]) throw corrupt(`the ${what} chain loops at sector ${id}`);
      seen[id] = 1;
      ids.push(id);
    }
    return ids;
  };
  /** The chain's bytes, cut to `size` (null: all of them, in whole sectors). */
  const readChain = (start: number, size: number | null, what: string): Buffer => {
    const ids = chain(fat, start, sectorCount, what);
    const bytes = Buffer.concat(ids.map((id) => sectorAt(id, what, size !== null)));
    if (size !== null && bytes.length < size) {
      throw corrupt(`the ${what} stream holds ${size} bytes in ${bytes.length}: truncated`);
    }
    return bytes.subarray(0, size ?? undefined);
  };

  const directory = readChain(file.readUInt32LE(48), null, 'directory');
  const entries: DirectoryEntry[] = [];
  for (let o = 0; o + DIRECTORY_ENTRY_SIZE <= directory.length; o += DIRECTORY_ENTRY_SIZE) {
    const nameBytes = Math.min(directory.readUInt16LE(o + 64), 64);
    entries.push({
      name: directory.toString('utf16le', o, o + Math.max(0, nameBytes - 2)),
      type: directory[o + 66],
      left: directory.readUInt32LE(o + 68),
      right: directory.readUInt32LE(o + 72),
      child: directory.readUInt32LE(o + 76),
      start: directory.readUInt32LE(o + 116),
      // The high 32 bits are unused (and may be garbage) in version 3 files.
      size:
        major === 3 ? directory.readUInt32LE(o + 120) : Number(directory.readBigUInt64LE(o + 120)),
    });
  }
  const root = entries[0];
  if (!root || root.type !== TYPE_ROOT) throw corrupt('no root directory entry');

  // The root's children form a tree through left/right siblings: visit each entry once.
  const wanted = names.map((n) => n.toLowerCase());
  const visited = new Uint8Array(entries.length);
  const stack = [root.child];
  let found: DirectoryEntry | null = null;
  while (stack.length > 0 && !found) {
    const id = stack.pop()!;
    if (id === NOSTREAM) continue;
    if (id >= entries.length) throw corrupt(`directory entry ${id} does not exist`);
    if (visited[id]) throw corrupt('the directory tree loops');
    visited[id] = 1;
    const entry = entries[id];
    if (entry.type === TYPE_STREAM && wanted.includes(entry.name.toLowerCase())) found = entry;
    stack.push(entry.left, entry.right);
  }
  if (!found) return null;
  if (found.size > file.length) {
    throw corrupt(`stream ${found.name} claims ${found.size} bytes in a ${file.length}-byte file`);
  }

  const cutoff = file.readUInt32LE(56);
  if (found.size >= cutoff) {
    return { name: found.name, content: readChain(found.start, found.size, found.name) };
  }
  // A small stream lives in the mini stream (the root's chain), in 64-byte mini sectors.
  const miniStream = readChain(root.start, root.size, 'mini stream');
  const miniFatBytes = readChain(
    file.readUInt32LE(60),
    file.readUInt32LE(64) * sectorSize,
    'mini FAT',
  );
  const miniFat = new Uint32Array(miniFatBytes.length / 4);
  for (let i = 0; i < miniFat.length; i += 1) miniFat[i] = miniFatBytes.readUInt32LE(4 * i);
  const ids = chain(
    miniFat,
    found.start,
    Math.floor(miniStream.length / miniSectorSize),
    found.name,
  );
  if (ids.length * miniSectorSize < found.size) {
    throw corrupt(`the ${found.name} stream is shorter than its size: truncated`);
  }
  const content = Buffer.concat(
    ids.map((id) => miniStream.subarray(id * miniSectorSize, (id + 1) * miniSectorSize)),
  ).subarray(0, found.size);
  return { name: found.name, content };
}

function corrupt(problem: string): XlsReadError {
  return new XlsReadError('corrupt', `damaged OLE2 compound file: ${problem}`);
}
