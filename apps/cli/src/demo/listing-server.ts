import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for JPX's download server: answers every GET with one recorded listing file
 * (loopback, a free port), so the demo's sync goes through the API and the URL path as a real one.
 */
export async function serveListingFile(
  file: string,
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  const body = await readFile(file);
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/vnd.ms-excel',
      'content-length': String(body.length),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/data_j.xls`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
