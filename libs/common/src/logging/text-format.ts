import type { DestinationStream } from 'pino';

/** Fields shown in the head of a text line rather than as key=value. */
const HEAD = new Set(['level', 'time', 'msg', 'context', 'pid', 'hostname', 'app']);

/**
 * LOG_FORMAT=text: each JSON line becomes `time LEVEL [context] msg key=value …` (fields already
 * redacted by pino). For people reading a terminal; machines should keep the JSON.
 */
export function textDestination(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string): void {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      out.write(`${formatText(record)}\n`);
    },
  };
}

export function formatText(record: Record<string, unknown>): string {
  const level = String(record.level ?? '').toUpperCase();
  const context = record.context ? ` [${String(record.context)}]` : '';
  const rest = Object.entries(record)
    .filter(([key, value]) => !HEAD.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [`${String(record.time ?? '')} ${level.padEnd(5)}${context} ${String(record.msg ?? '')}`]
    .concat(rest)
    .join(' ');
}
