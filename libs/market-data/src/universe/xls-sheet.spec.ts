import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  buildCompoundFile,
  buildWorkbookStream,
  buildXls,
} from '../../../../test/support/xls-builder';
import { readCompoundStream } from './compound-file';
import { XlsReadError } from './xls-read.error';
import { readXlsSheet } from './xls-sheet';

const JPX = path.join(__dirname, '../../../../test/fixtures/universe/jpx');
const MAY = readFileSync(path.join(JPX, 'data_j-20250530.xls'));

function failure(run: () => unknown): XlsReadError {
  try {
    run();
  } catch (error) {
    if (error instanceof XlsReadError) return error;
    throw error;
  }
  throw new Error('expected an XlsReadError');
}

/** Little-endian u32 helpers over a real file's FAT (version 3: 512-byte sectors). */
function fatOf(file: Buffer) {
  const sectorSize = 1 << file.readUInt16LE(30);
  const perSector = sectorSize / 4;
  const fatSectors = Array.from({ length: Math.min(109, file.readUInt32LE(44)) }, (_, i) =>
    file.readUInt32LE(76 + 4 * i),
  );
  const at = (i: number) =>
    (fatSectors[Math.floor(i / perSector)] + 1) * sectorSize + 4 * (i % perSector);
  return {
    next: (i: number) => file.readUInt32LE(at(i)),
    set: (i: number, value: number) => file.writeUInt32LE(value, at(i)),
    sectorSize,
  };
}

describe('readXlsSheet', () => {
  it('reads the real data_j.xls: the header, numeric and text codes, 4,409 data rows', () => {
    const sheet = readXlsSheet(MAY);
    expect(sheet.name).toBe('Sheet1');
    expect(sheet.rows).toHaveLength(4410);
    expect(sheet.rows[0]).toEqual([
      '日付',
      'コード',
      '銘柄名',
      '市場・商品区分',
      '33業種コード',
      '33業種区分',
      '17業種コード',
      '17業種区分',
      '規模コード',
      '規模区分',
    ]);
    expect(sheet.rows[1].slice(0, 6)).toEqual([
      20250530,
      1301,
      '極洋',
      'プライム（内国株式）',
      50,
      '水産・農林業',
    ]);
    const byCode = new Map(sheet.rows.slice(1).map((row) => [row[1], row]));
    expect(byCode.get('130A')?.[2]).toBe('Ｖｅｒｉｔａｓ　Ｉｎ　Ｓｉｌｉｃｏ');
    expect(byCode.get(25935)?.[2]).toBe('伊藤園第１種優先株式');
    expect(sheet.rows.slice(1).every((row) => row.length === 10 && !row.includes(null))).toBe(true);
  });

  it('reads a workbook of text, number and boolean cells, with gaps as null', () => {
    const rows = [['a', 1.5, true], [null, null, 'ｘ　y'], [], [-3]];
    const sheet = readXlsSheet(buildXls(rows, { sheetName: 'Data' }));
    expect(sheet).toEqual({
      name: 'Data',
      rows: [['a', 1.5, true], [null, null, 'ｘ　y'], [], [-3]],
    });
  });

  it('reads a small workbook kept in the mini stream', () => {
    const file = buildXls([['日付'], [20250530]], { mini: true });
    expect(readXlsSheet(file).rows).toEqual([['日付'], [20250530]]);
  });

  it('reads only the first maxColumns columns', () => {
    expect(readXlsSheet(buildXls([[1, 2, 3], ['a']]), { maxColumns: 2 }).rows).toEqual([
      [1, 2],
      ['a'],
    ]);
  });

  it('accepts a last sector cut short after the end of the stream (some writers do that)', () => {
    const full = buildXls([['x', 1]], { padTo: 4100 }); // the last sector holds 4 bytes
    expect(full.length % 512).toBe(0);
    expect(readXlsSheet(full.subarray(0, full.length - 508)).rows).toEqual([['x', 1]]);
    expect(failure(() => readXlsSheet(full.subarray(0, full.length - 509))).message).toMatch(
      /truncated/,
    );
  });

  it('refuses a file that is not an OLE2 compound file (HTML, text, nothing)', () => {
    for (const body of ['<!DOCTYPE html><html><body>moved</body></html>', 'a,b\n1,2\n', '']) {
      const error = failure(() => readXlsSheet(Buffer.from(body)));
      expect(error.kind).toBe('not-xls');
    }
  });

  it('refuses a compound file without a Workbook stream, and a BIFF5 Book stream', () => {
    const stream = buildWorkbookStream([['x']]);
    expect(failure(() => readXlsSheet(buildCompoundFile(stream, 'WordDocument'))).kind).toBe(
      'not-xls',
    );
    expect(failure(() => readXlsSheet(buildCompoundFile(stream, 'Book'))).kind).toBe('unsupported');
  });

  it('refuses an encrypted workbook (FILEPASS) and an older BIFF version', () => {
    const stream = buildWorkbookStream([['x']]);
    const encrypted = Buffer.concat([
      stream.subarray(0, 20), // the globals' BOF
      Buffer.from([0x2f, 0x00, 0x02, 0x00, 0x00, 0x00]), // FILEPASS
      stream.subarray(20),
    ]);
    // The sheet offset in BOUNDSHEET is not corrected: FILEPASS is found first.
    expect(failure(() => readXlsSheet(buildCompoundFile(encrypted))).message).toMatch(/encrypted/);

    const biff5 = Buffer.from(stream);
    biff5.writeUInt16LE(0x0500, 4);
    expect(failure(() => readXlsSheet(buildCompoundFile(biff5))).kind).toBe('unsupported');
  });

  it('finds the real file truncated to half, or short of its last sector, corrupt', () => {
    for (const length of [Math.floor(MAY.length / 2), MAY.length - 512, 1024]) {
      const error = failure(() => readXlsSheet(MAY.subarray(0, length)));
      expect(error.kind).toBe('corrupt');
      expect(error.message).toMatch(/truncated/);
    }
  });

  it('finds a workbook stream cut inside a record, or without the sheet EOF, corrupt', () => {
    const stream = buildWorkbookStream(
      [
        ['a', 'b'],
        [1, 2],
      ],
      { padTo: 0 },
    );
    const cut = failure(() =>
      readXlsSheet(buildCompoundFile(stream.subarray(0, stream.length - 6), 'Workbook', true)),
    );
    expect(cut.kind).toBe('corrupt');
    const noEof = failure(() =>
      readXlsSheet(buildCompoundFile(stream.subarray(0, stream.length - 4), 'Workbook', true)),
    );
    expect(noEof.message).toMatch(/no end/);
  });

  it('stops on a FAT chain that loops back onto itself (cfb 1.2.2 runs out of memory here)', () => {
    const file = Buffer.from(MAY);
    const fat = fatOf(file);
    let last = 0; // the Workbook stream starts at sector 0 in this file
    while (fat.next(last) < 0xfffffffc) last = fat.next(last);
    fat.set(last, 0);
    const error = failure(() => readCompoundStream(file, ['Workbook']));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/loops/);
  });

  it('refuses a FAT chain that points past the end of the file', () => {
    const file = Buffer.from(MAY);
    fatOf(file).set(5, 0x00ffffff);
    expect(failure(() => readXlsSheet(file)).message).toMatch(/past the end|beyond the end/);
  });
});
