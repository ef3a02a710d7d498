/**
 * Writes small legacy .xls files (BIFF8 in an OLE2 compound file, version 3) for tests of the
 * .xls reader: one worksheet of LABEL (text), NUMBER and BOOLERR cells, stored in the regular
 * FAT or (`mini: true`) in the mini stream. Only what readXlsSheet needs; Excel would open it.
 */
export type BuiltCell = string | number | boolean | null;

export interface XlsBuildOptions {
  sheetName?: string;
  /** Store the Workbook stream in the mini stream (it must then be under 4096 bytes). */
  mini?: boolean;
  /** Pad the Workbook stream to at least this many bytes (after the sheet's EOF). */
  padTo?: number;
}

const SECTOR = 512;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

function record(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
}

function bof(kind: number): Buffer {
  const data = Buffer.alloc(16);
  data.writeUInt16LE(0x0600, 0);
  data.writeUInt16LE(kind, 2);
  return record(0x0809, data);
}

function cell(row: number, col: number, value: Exclude<BuiltCell, null>): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(row, 0);
  head.writeUInt16LE(col, 2);
  if (typeof value === 'number') {
    const number = Buffer.alloc(8);
    number.writeDoubleLE(value, 0);
    return record(0x0203, Buffer.concat([head, number]));
  }
  if (typeof value === 'boolean')
    return record(0x0205, Buffer.concat([head, Buffer.from([value ? 1 : 0, 0])]));
  const text = Buffer.from(value, 'utf16le');
  const length = Buffer.alloc(3);
  length.writeUInt16LE(value.length, 0);
  length[2] = 0x01; // UTF-16
  return record(0x0204, Buffer.concat([head, length, text]));
}

/** The BIFF8 Workbook stream of one worksheet holding `rows`. */
export function buildWorkbookStream(rows: BuiltCell[][], options: XlsBuildOptions = {}): Buffer {
  const name = options.sheetName ?? 'Sheet1';
  const sheetName = Buffer.concat([Buffer.from([name.length, 0x01]), Buffer.from(name, 'utf16le')]);
  const boundsheet = (offset: number): Buffer => {
    const data = Buffer.alloc(6);
    data.writeUInt32LE(offset, 0);
    return record(0x0085, Buffer.concat([data, sheetName]));
  };
  const globalsLength = bof(0x0005).length + boundsheet(0).length + 4;
  const globals = Buffer.concat([
    bof(0x0005),
    boundsheet(globalsLength),
    record(0x000a, Buffer.alloc(0)),
  ]);
  const cells: Buffer[] = [];
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== null) cells.push(cell(r, c, value));
    }),
  );
  const stream = Buffer.concat([globals, bof(0x0010), ...cells, record(0x000a, Buffer.alloc(0))]);
  const padTo = options.padTo ?? (options.mini ? 0 : 4096);
  return stream.length >= padTo
    ? stream
    : Buffer.concat([stream, Buffer.alloc(padTo - stream.length)]);
}

/** An OLE2 compound file holding `stream` as the top-level stream `streamName`. */
export function buildCompoundFile(stream: Buffer, streamName = 'Workbook', mini = false): Buffer {
  const sectors = (bytes: number): number => Math.ceil(bytes / SECTOR);
  const fat: number[] = [FATSECT, ENDOFCHAIN]; // sector 0: FAT, sector 1: directory
  const chainOf = (count: number): number => {
    const start = fat.length;
    for (let i = 0; i < count; i += 1) fat.push(i === count - 1 ? ENDOFCHAIN : start + i + 1);
    return start;
  };
  let miniFatStart = ENDOFCHAIN;
  let rootStart = ENDOFCHAIN;
  let rootSize = 0;
  let streamStart: number;
  const data: Buffer[] = [];
  if (mini) {
    if (stream.length >= 4096) throw new Error('a mini stream holds streams under 4096 bytes');
    const miniSectors = Math.ceil(stream.length / 64);
    const miniFat = Buffer.alloc(SECTOR, 0xff);
    for (let i = 0; i < miniSectors; i += 1) {
      miniFat.writeUInt32LE(i === miniSectors - 1 ? ENDOFCHAIN : i + 1, 4 * i);
    }
    miniFatStart = chainOf(1);
    data.push(miniFat);
    rootSize = miniSectors * 64;
    rootStart = chainOf(sectors(rootSize));
    data.push(pad(stream, sectors(rootSize) * SECTOR));
    streamStart = 0;
  } else {
    streamStart = chainOf(sectors(stream.length));
    data.push(pad(stream, sectors(stream.length) * SECTOR));
  }
  if (fat.length > SECTOR / 4) throw new Error('test files are limited to one FAT sector');

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(miniFatStart, 60);
  header.writeUInt32LE(mini ? 1 : 0, 64);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 72);
  for (let i = 0; i < 109; i += 1) header.writeUInt32LE(i === 0 ? 0 : FREESECT, 76 + 4 * i);

  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((next, i) => fatSector.writeUInt32LE(next, 4 * i));

  const directory = Buffer.alloc(SECTOR);
  const entry = (
    i: number,
    name: string,
    type: number,
    child: number,
    start: number,
    size: number,
  ) => {
    const o = i * 128;
    directory.write(name, o, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, o + 64);
    directory[o + 66] = type;
    directory[o + 67] = 1; // black
    directory.writeUInt32LE(NOSTREAM, o + 68);
    directory.writeUInt32LE(NOSTREAM, o + 72);
    directory.writeUInt32LE(child, o + 76);
    directory.writeUInt32LE(start, o + 116);
    directory.writeUInt32LE(size, o + 120);
  };
  entry(0, 'Root Entry', 5, 1, rootStart, rootSize);
  entry(1, streamName, 2, NOSTREAM, streamStart, stream.length);
  for (let i = 2; i < 4; i += 1) {
    directory.writeUInt32LE(NOSTREAM, i * 128 + 68);
    directory.writeUInt32LE(NOSTREAM, i * 128 + 72);
    directory.writeUInt32LE(NOSTREAM, i * 128 + 76);
  }
  return Buffer.concat([header, fatSector, directory, ...data]);
}

/** A .xls file of one worksheet holding `rows`. */
export function buildXls(rows: BuiltCell[][], options: XlsBuildOptions = {}): Buffer {
  return buildCompoundFile(buildWorkbookStream(rows, options), 'Workbook', options.mini ?? false);
}

function pad(buffer: Buffer, length: number): Buffer {
  return buffer.length >= length
    ? buffer
    : Buffer.concat([buffer, Buffer.alloc(length - buffer.length)]);
}
