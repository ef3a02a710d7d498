/**
 * Reads the cell values of one worksheet of a legacy Excel 97-2003 workbook (.xls: BIFF8 records
 * in the `Workbook` stream of an OLE2 compound file, [MS-XLS]).
 *
 * Why not a package: `xlsx` (SheetJS) 0.18.5, the last on the npm registry, has two high advisories
 * on the read path (GHSA-4r6h-8v6p-xvw6 prototype pollution, GHSA-5pgg-2g8v-p4x9 ReDoS) and the
 * fixed builds are published only on SheetJS's own CDN (third-party npm republishes cannot be
 * checked against it); it also reads HTML and CSV as spreadsheets, which a listing reader must
 * refuse. Its compound-file layer, `cfb`, loops on a crafted file (see compound-file.ts). The
 * other npm .xls readers wrap one of these; exceljs and read-excel-file read only .xlsx.
 *
 * Only values are read (no formats, styles, formulas' text, merged cells): text (shared strings,
 * LABEL, a formula's string result), numbers (NUMBER, RK, MULRK, a formula's number), booleans;
 * errors and blanks are null. Every length is checked against the record that holds it, so a
 * truncated or damaged stream is an XlsReadError, and the work is linear in the stream's size.
 */
import { readCompoundStream } from './compound-file';
import { XlsReadError } from './xls-read.error';

export type XlsCell = string | number | boolean | null;

export interface XlsReadOptions {
  /** Cells right of this many columns are skipped (bounds memory: at most rows × columns). */
  maxColumns?: number;
}

export interface XlsSheet {
  name: string;
  /** Rows from the first (row 1 of Excel) to the last one holding a cell; missing cells null. */
  rows: XlsCell[][];
}

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;
/** BOF records of BIFF2-BIFF4 (BIFF5 and BIFF8 share 0x0809 and differ by version). */
const OLD_BOFS = new Set([0x0009, 0x0209, 0x0409]);
const BIFF8 = 0x0600;
const BOF_GLOBALS = 0x0005;
const BOF_WORKSHEET = 0x0010;
/** BIFF8 has at most 65,536 rows and 256 columns. */
const MAX_ROWS = 65_536;
const MAX_COLUMNS = 256;

interface Record {
  type: number;
  offset: number;
  data: Buffer;
}

/**
 * The first worksheet of the .xls `file` (its first `maxColumns` columns). Throws XlsReadError: `not-xls` (not a compound file,
 * or one without a Workbook stream), `unsupported` (encrypted, BIFF5 or older), `corrupt`.
 */
export function readXlsSheet(file: Buffer, options: XlsReadOptions = {}): XlsSheet {
  const maxColumns = Math.min(options.maxColumns ?? MAX_COLUMNS, MAX_COLUMNS);
  const stream = readCompoundStream(file, ['Workbook', 'Book']);
  if (!stream) {
    throw new XlsReadError('not-xls', 'an OLE2 file without a Workbook stream (not an .xls)');
  }
  if (stream.name.toLowerCase() === 'book') {
    throw new XlsReadError('unsupported', 'an Excel 5.0/95 (BIFF5) workbook; only BIFF8 is read');
  }
  const workbook = stream.content;

  const globals = records(workbook, 0);
  const bof = globals.next().value;
  if (!bof || OLD_BOFS.has(bof.type)) {
    throw new XlsReadError('unsupported', 'not a BIFF8 workbook (Excel 97-2003)');
  }
  checkBof(bof, BOF_GLOBALS, 'workbook globals');

  const sheets: { name: string; offset: number }[] = [];
  const sstParts: Buffer[] = [];
  let inSst = false;
  for (const record of globals) {
    if (record.type === EOF) break;
    if (record.type === FILEPASS) {
      throw new XlsReadError('unsupported', 'the workbook is encrypted (password protected)');
    }
    if (record.type === CONTINUE && inSst) {
      sstParts.push(record.data);
      continue;
    }
    inSst = record.type === SST;
    if (inSst) sstParts.push(record.data);
    if (record.type === BOUNDSHEET) {
      need(record, 8, 'BOUNDSHEET');
      const kind = record.data[5];
      const name = readShortString(record.data, 6, 'sheet name');
      if (kind === 0) sheets.push({ name, offset: record.data.readUInt32LE(0) });
    }
  }
  const first = sheets[0];
  if (!first) throw corrupt('the workbook has no worksheet');
  const sst = sstParts.length > 0 ? readSst(sstParts) : [];

  const sheet = records(workbook, first.offset);
  const sheetBof = sheet.next().value;
  if (!sheetBof) throw corrupt(`worksheet ${first.name} starts past the end of the stream`);
  checkBof(sheetBof, BOF_WORKSHEET, `worksheet ${first.name}`);

  const rows: XlsCell[][] = [];
  const put = (row: number, col: number, value: XlsCell): void => {
    if (row >= MAX_ROWS || col >= MAX_COLUMNS) throw corrupt(`cell (${row}, ${col}) out of range`);
    if (col >= maxColumns) return;
    while (rows.length <= row) rows.push([]);
    const cells = rows[row];
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  };
  let pendingString: { row: number; col: number } | null = null;
  let ended = false;
  for (const record of sheet) {
    const { type, data } = record;
    if (type === EOF) {
      ended = true;
      break;
    }
    if (pendingString && type === STRING) {
      put(pendingString.row, pendingString.col, readUnicodeString(data, 0, 'formula string').text);
      pendingString = null;
      continue;
    }
    pendingString = null;
    switch (type) {
      case LABELSST: {
        need(record, 10, 'LABELSST');
        const index = data.readUInt32LE(6);
        if (index >= sst.length) {
          throw corrupt(`shared string ${index} of ${sst.length} at offset ${record.offset}`);
        }
        put(data.readUInt16LE(0), data.readUInt16LE(2), sst[index]);
        break;
      }
      case LABEL:
        need(record, 9, 'LABEL');
        put(data.readUInt16LE(0), data.readUInt16LE(2), readUnicodeString(data, 6, 'LABEL').text);
        break;
      case NUMBER:
        need(record, 14, 'NUMBER');
        put(data.readUInt16LE(0), data.readUInt16LE(2), data.readDoubleLE(6));
        break;
      case RK:
        need(record, 10, 'RK');
        put(data.readUInt16LE(0), data.readUInt16LE(2), decodeRk(data.readInt32LE(6)));
        break;
      case MULRK: {
        need(record, 12, 'MULRK');
        const row = data.readUInt16LE(0);
        const firstCol = data.readUInt16LE(2);
        const count = (data.length - 6) / 6;
        if (
          !Number.isInteger(count) ||
          data.readUInt16LE(data.length - 2) !== firstCol + count - 1
        ) {
          throw corrupt(`MULRK record at offset ${record.offset} has an inconsistent length`);
        }
        for (let i = 0; i < count; i += 1) {
          put(row, firstCol + i, decodeRk(data.readInt32LE(4 + 6 * i + 2)));
        }
        break;
      }
      case BOOLERR:
        need(record, 8, 'BOOLERR');
        put(data.readUInt16LE(0), data.readUInt16LE(2), data[7] === 0 ? data[6] !== 0 : null);
        break;
      case FORMULA: {
        need(record, 20, 'FORMULA');
        const row = data.readUInt16LE(0);
        const col = data.readUInt16LE(2);
        if (data.readUInt16LE(12) !== 0xffff) {
          put(row, col, data.readDoubleLE(6));
        } else if (data[6] === 0) {
          pendingString = { row, col }; // the text follows in a STRING record
        } else {
          put(row, col, data[6] === 1 ? data[8] !== 0 : data[6] === 3 ? '' : null);
        }
        break;
      }
      default:
        break;
    }
  }
  if (!ended) throw corrupt(`worksheet ${first.name} has no end (EOF record): truncated`);
  return { name: first.name, rows };
}

/** The records from `offset`, each checked to fit in the stream. */
function* records(stream: Buffer, offset: number): Generator<Record> {
  let pos = offset;
  while (pos < stream.length) {
    if (pos + 4 > stream.length) throw corrupt(`record header at offset ${pos} is cut off`);
    const type = stream.readUInt16LE(pos);
    const length = stream.readUInt16LE(pos + 2);
    const end = pos + 4 + length;
    if (end > stream.length) {
      throw corrupt(`record 0x${type.toString(16)} at offset ${pos} runs past the end: truncated`);
    }
    yield { type, offset: pos, data: stream.subarray(pos + 4, end) };
    pos = end;
  }
}

function checkBof(record: Record, kind: number, what: string): void {
  if (record.type !== BOF || record.data.length < 4) {
    throw corrupt(`${what} does not start with a BOF record`);
  }
  const version = record.data.readUInt16LE(0);
  if (version !== BIFF8) {
    throw new XlsReadError(
      'unsupported',
      `${what}: BIFF version 0x${version.toString(16)}; only BIFF8 (Excel 97-2003) is read`,
    );
  }
  if (record.data.readUInt16LE(2) !== kind) throw corrupt(`${what} has a BOF of another kind`);
}

function need(record: Record, bytes: number, what: string): void {
  if (record.data.length < bytes) {
    throw corrupt(`${what} record at offset ${record.offset} is too short`);
  }
}

/**
 * RK number: bit 0 divides by 100, bit 1 says the upper 30 bits are a signed integer, else they
 * are the upper 30 bits of an IEEE double.
 */
function decodeRk(rk: number): number {
  let value: number;
  if (rk & 0x02) {
    value = rk >> 2;
  } else {
    const buffer = Buffer.alloc(8);
    buffer.writeInt32LE(rk & ~0x03, 4);
    value = buffer.readDoubleLE(0);
  }
  return rk & 0x01 ? value / 100 : value;
}

/** ShortXLUnicodeString: 1-byte length, flags, characters. */
function readShortString(data: Buffer, offset: number, what: string): string {
  if (offset + 2 > data.length) throw corrupt(`${what} is cut off`);
  return chars(data, offset + 2, data[offset], data[offset + 1] & 0x01, what).text;
}

/** XLUnicodeString: 2-byte length, flags, characters (within one record). */
function readUnicodeString(data: Buffer, offset: number, what: string): { text: string } {
  if (offset + 3 > data.length) throw corrupt(`${what} is cut off`);
  return chars(data, offset + 3, data.readUInt16LE(offset), data[offset + 2] & 0x01, what);
}

function chars(
  data: Buffer,
  offset: number,
  count: number,
  highByte: number,
  what: string,
): { text: string; end: number } {
  const end = offset + count * (highByte ? 2 : 1);
  if (end > data.length) throw corrupt(`${what} is cut off`);
  return { text: data.toString(highByte ? 'utf16le' : 'latin1', offset, end), end };
}

/**
 * The shared string table: SST and its CONTINUE records. A string's characters may be split
 * across records; the continuation then starts with a flags byte of its own (compressed or
 * UTF-16). Rich-text runs and phonetic data are skipped.
 */
function readSst(parts: Buffer[]): string[] {
  const head = parts[0];
  if (head.length < 8) throw corrupt('SST record is too short');
  const unique = head.readUInt32LE(4);
  const total = parts.reduce((n, p) => n + p.length, 0);
  // Each string takes at least 3 bytes: a count past that cannot be right.
  if (unique > total / 3) throw corrupt(`SST claims ${unique} strings in ${total} bytes`);
  const cursor = new PartsCursor(parts, 8);
  const strings: string[] = [];
  for (let i = 0; i < unique; i += 1) {
    const count = cursor.u16();
    const flags = cursor.u8();
    const runs = flags & 0x08 ? cursor.u16() : 0;
    const phonetic = flags & 0x04 ? cursor.u32() : 0;
    strings.push(cursor.chars(count, flags & 0x01));
    cursor.skip(runs * 4 + phonetic);
  }
  return strings;
}

/** Reads across the SST's records as one byte sequence, except for characters (see readSst). */
class PartsCursor {
  private part = 0;

  constructor(
    private readonly parts: Buffer[],
    private pos: number,
  ) {}

  u8(): number {
    this.settle();
    return this.parts[this.part][this.pos++];
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(bytes: number): void {
    let left = bytes;
    while (left > 0) {
      this.settle();
      const step = Math.min(left, this.parts[this.part].length - this.pos);
      this.pos += step;
      left -= step;
    }
  }

  chars(count: number, highByte: number): string {
    let text = '';
    let left = count;
    let high = highByte;
    while (left > 0) {
      if (this.pos >= this.parts[this.part].length) {
        // Characters go on in the next record, which starts with its own flags byte.
        this.next();
        if (this.parts[this.part].length === 0) throw corrupt('SST continuation is empty');
        high = this.parts[this.part][this.pos++] & 0x01;
      }
      const data = this.parts[this.part];
      const size = high ? 2 : 1;
      const fit = Math.min(left, Math.floor((data.length - this.pos) / size));
      if (fit === 0) throw corrupt('SST string splits a character across records');
      text += data.toString(high ? 'utf16le' : 'latin1', this.pos, this.pos + fit * size);
      this.pos += fit * size;
      left -= fit;
    }
    return text;
  }

  /** Moves to the next record when the current one is used up. */
  private settle(): void {
    while (this.pos >= this.parts[this.part].length) this.next();
  }

  private next(): void {
    this.part += 1;
    this.pos = 0;
    if (this.part >= this.parts.length) throw corrupt('SST ends in the middle of a string');
  }
}

function corrupt(problem: string): XlsReadError {
  return new XlsReadError('corrupt', `damaged .xls workbook: ${problem}`);
}
