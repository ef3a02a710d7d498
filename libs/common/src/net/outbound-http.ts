import * as http from 'node:http';
import * as https from 'node:https';
import { guardedLookup } from './guarded-lookup';
import { assertDeliverableUrl, OutboundPolicy, privateAddressesAllowed } from './outbound-policy';

/**
 * Agents of outbound notifications: `guarded` ones resolve names through guardedLookup (only
 * public addresses), the others are plain (for hosts the operator allowed). No keep-alive: a
 * notification is one request, and a pooled socket must not outlive the check of its address.
 */
const agents = {
  guarded: {
    http: new http.Agent({ keepAlive: false, lookup: guardedLookup() }),
    https: new https.Agent({ keepAlive: false, lookup: guardedLookup() }),
  },
  open: {
    http: new http.Agent({ keepAlive: false }),
    https: new https.Agent({ keepAlive: false }),
  },
};

/** The agent for a URL under a policy: guarded unless its host may reach non-public addresses. */
export function outboundAgent(url: URL, policy: OutboundPolicy): http.Agent {
  const kind = privateAddressesAllowed(url.hostname, policy) ? 'open' : 'guarded';
  return url.protocol === 'https:' ? agents[kind].https : agents[kind].http;
}

/** No answer (status line and headers) within the timeout. */
export class OutboundTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'OutboundTimeoutError';
  }
}

export interface OutboundPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: OutboundPolicy;
  /** Named in refusals (e.g. "webhook_url"). */
  field: string;
}

/**
 * POSTs `body` to `url` and resolves with the status code (the answer's body is not read).
 * Refuses before connecting what assertDeliverableUrl refuses (UndeliverableUrlError), and a
 * name that resolves to a non-public address (NonPublicAddressError) unless `policy` allows it.
 * Redirects are not followed. Rejects with OutboundTimeoutError when no answer comes in time.
 */
export function postOutbound(url: string, post: OutboundPost): Promise<{ statusCode: number }> {
  let target: URL;
  try {
    target = assertDeliverableUrl(url, post.policy, post.field);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: 'POST',
        agent: outboundAgent(target, post.policy),
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
      },
      (res) => {
        clearTimeout(timer);
        resolve({ statusCode: res.statusCode ?? 0 });
        res.destroy();
      },
    );
    const timer = setTimeout(
      () => req.destroy(new OutboundTimeoutError(post.timeoutMs)),
      post.timeoutMs,
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(post.body);
  });
}
