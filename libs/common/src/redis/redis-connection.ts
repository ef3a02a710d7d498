import { Cluster, ClusterNode, ClusterOptions, Redis, RedisOptions } from 'ioredis';

/** A standalone Redis or a Redis Cluster client: both serve every command the system sends. */
export type RedisClient = Redis | Cluster;

/**
 * What a connection is for; the role decides how it behaves while Redis is slow or away.
 * - worker: BullMQ workers and what runs beside them; commands wait through reconnects
 *   (BullMQ requires `maxRetriesPerRequest: null` for its blocking connections).
 * - producer: request paths (the API's queues): no offline queue, every command and the connect
 *   bounded by REDIS_TIMEOUT_MS, so a Redis that stops answering gives a 503, not a hang.
 * - health: readiness probe; never queues, short connect.
 * - throttle: the API rate limiter; 500 ms at most per hit, then the in-process fallback counts.
 * - lock: the reconciler's lock; one retry, bounded.
 */
export type RedisRole = 'worker' | 'producer' | 'health' | 'throttle' | 'lock';

/** Where Redis is: REDIS_CLUSTER_NODES when set (a cluster), else REDIS_URL. */
export interface RedisTarget {
  redisUrl: string;
  /** Seed nodes of a Redis Cluster; empty: standalone Redis at redisUrl. */
  redisClusterNodes: string[];
  /** Bound of one command (and of the connect) on request paths. */
  redisTimeoutMs: number;
}

function roleOptions(role: RedisRole, timeoutMs: number): RedisOptions {
  switch (role) {
    case 'worker':
      return { maxRetriesPerRequest: null };
    case 'producer':
      return {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        commandTimeout: timeoutMs,
        connectTimeout: timeoutMs,
      };
    case 'health':
      return {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2000,
        commandTimeout: 2000,
        retryStrategy: (times) => Math.min(times * 200, 2000),
      };
    case 'throttle':
      return {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: 500,
        connectTimeout: timeoutMs,
      };
    case 'lock':
      return { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: timeoutMs };
  }
}

/** `host:port` or `redis[s]://[user:pass@]host:port` → a cluster seed node. */
export function parseClusterNode(entry: string): { host: string; port: number } | null {
  const text = entry.trim();
  const withScheme = /^rediss?:\/\//i.test(text) ? text : `redis://${text}`;
  try {
    const url = new URL(withScheme);
    const port = url.port === '' ? 6379 : Number(url.port);
    if (url.hostname === '' || !Number.isInteger(port) || port < 1 || port > 65535) return null;
    if (url.pathname !== '' && url.pathname !== '/') return null;
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return null;
  }
}

/** Credentials and TLS of a cluster come from its first URL-form seed node that has them. */
function clusterAuth(nodes: string[]): RedisOptions {
  for (const entry of nodes) {
    if (!/^rediss?:\/\//i.test(entry.trim())) continue;
    const url = new URL(entry.trim());
    const auth: RedisOptions = {};
    if (url.username !== '') auth.username = decodeURIComponent(url.username);
    if (url.password !== '') auth.password = decodeURIComponent(url.password);
    if (url.protocol === 'rediss:') auth.tls = {};
    if (Object.keys(auth).length > 0) return auth;
  }
  return {};
}

/**
 * The one place Redis connections are made. `name` shows in `CLIENT LIST` (e.g.
 * `market-ingest-reconciler`). With REDIS_CLUSTER_NODES an ioredis Cluster is returned, with the
 * role's options on every node connection; callers that need keys of one operation together put
 * them in one hash tag (see queueKeyPrefix).
 */
export function createRedisConnection(
  target: RedisTarget,
  role: RedisRole,
  name: string,
): RedisClient {
  const options: RedisOptions = {
    ...roleOptions(role, target.redisTimeoutMs),
    connectionName: name,
  };
  if (target.redisClusterNodes.length === 0) return new Redis(target.redisUrl, options);

  const nodes: ClusterNode[] = target.redisClusterNodes
    .map(parseClusterNode)
    .filter((n): n is { host: string; port: number } => n !== null);
  const { lazyConnect, enableOfflineQueue, ...perNode } = options;
  const clusterOptions: ClusterOptions = {
    lazyConnect,
    enableOfflineQueue,
    redisOptions: { ...perNode, ...clusterAuth(target.redisClusterNodes) },
    // Slots move or a master fails over: retry the command for a while, then report it.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    slotsRefreshTimeout: Math.max(1000, target.redisTimeoutMs),
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
  };
  return new Cluster(nodes, clusterOptions);
}

/**
 * Key prefix of the BullMQ queues and the system's own keys of a queue namespace. On a cluster
 * the prefix is a hash tag (`{market-ingest}`), so every key of a queue (and the Lua scripts that
 * touch several of them at once) lives in one slot, as BullMQ requires.
 */
export function queueKeyPrefix(config: { queuePrefix: string; redisClusterNodes: string[] }) {
  return config.redisClusterNodes.length > 0 ? `{${config.queuePrefix}}` : config.queuePrefix;
}

/** Masters of a cluster, or the one server: where a SCAN must run to see every key. */
export function redisServers(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** Deletes the keys matching `pattern` on every server (tests and the bench clean up with it). */
export async function deleteKeys(client: RedisClient, pattern: string): Promise<number> {
  let deleted = 0;
  for (const server of redisServers(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      // One key per DEL: on a cluster the keys of one page may live in different slots.
      const pipeline = server.pipeline();
      for (const key of keys) pipeline.del(key);
      for (const [, n] of (await pipeline.exec()) ?? []) deleted += Number(n ?? 0);
    } while (cursor !== '0');
  }
  return deleted;
}
