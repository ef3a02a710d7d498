import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { ImportUsageError } from '../errors/import-usage.error';
import { RejectRecord } from './reject-record';

const SAMPLES = 20;

/** Writes rejected rows as JSON Lines (when a path is given) and counts them per source table. */
export class RejectWriter {
  private fd: number | null = null;
  private readonly counts = new Map<string, number>();
  /** The first rejects, for the report and the console. */
  readonly samples: RejectRecord[] = [];

  constructor(readonly path?: string) {
    if (path) this.fd = openSync(path, 'w');
  }

  write(record: RejectRecord): void {
    this.counts.set(record.table, (this.counts.get(record.table) ?? 0) + 1);
    if (this.samples.length < SAMPLES) this.samples.push(record);
    if (this.fd !== null) writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  count(table: string): number {
    return this.counts.get(table) ?? 0;
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Reads a reject file written by an earlier import (for --verify-only). */
export function readRejectFile(path: string): RejectRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ImportUsageError(`cannot read the reject file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as RejectRecord;
      } catch (error) {
        throw new ImportUsageError(`${path}:${i + 1} is not a reject record`, { cause: error });
      }
    });
}
