import type { ClientBase } from 'pg';
import { from as copyFrom, CopyStreamQuery } from 'pg-copy-streams';

/** Internals of pg-copy-streams' COPY FROM stream that the guard below relies on. */
interface CopyFromInternals {
  connection: unknown;
  _gotCopyInResponse: boolean;
  flushChunk(chunk: Buffer): boolean;
  _final(cb: (error?: Error | null) => void): void;
}

/**
 * pg-copy-streams 7 drops its connection when PostgreSQL reports an error during COPY FROM, but
 * data still queued behind a full socket buffer is flushed on 'drain' afterwards and throws
 * (`Cannot read properties of null (reading 'stream')`, brianc/node-pg-copy-streams#171), which
 * kills the process. The server discards data sent after its error, so the guard drops it too.
 */
function guarded(stream: CopyStreamQuery): CopyStreamQuery {
  const s = stream as unknown as CopyFromInternals;
  const flushChunk = s.flushChunk.bind(s);
  const final = s._final.bind(s);
  s.flushChunk = (chunk) => (s.connection ? flushChunk(chunk) : true);
  s._final = (cb) => (s.connection === null && s._gotCopyInResponse ? cb() : final(cb));
  return stream;
}

/** A running `COPY … FROM STDIN`: write text lines to `stream`, then `end()` it. */
export interface CopyIn {
  write(data: string | Buffer): void;
  end(data?: string | Buffer): void;
  /** Resolves with the rows PostgreSQL copied; rejects with its error. Never unhandled. */
  done: Promise<number>;
}

/** Starts (or queues, when the client is busy) a COPY FROM STDIN on `client`. */
export function copyIn(client: ClientBase, sql: string): CopyIn {
  const stream = guarded(copyFrom(sql));
  let failed = false;
  const done = new Promise<number>((resolve, reject) => {
    stream.on('error', (error) => {
      failed = true;
      reject(error);
    });
    stream.on('finish', () => resolve(stream.rowCount));
  });
  done.catch(() => undefined); // the caller handles it; this only keeps Node from calling it unhandled
  client.query(stream);
  return {
    write: (data) => {
      if (!failed && data.length > 0) stream.write(data);
    },
    end: (data) => {
      if (failed) return;
      if (data !== undefined && data.length > 0) stream.end(data);
      else stream.end();
    },
    done,
  };
}
