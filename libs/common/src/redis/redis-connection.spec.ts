import { ConfigValidationError } from '../config/config-validation.error';
import { validateEnvironment } from '../config/environment';
import { parseClusterNode, queueKeyPrefix } from './redis-connection';

describe('Redis connection settings', () => {
  it('parses cluster seed nodes as host:port or redis URLs', () => {
    expect(parseClusterNode('127.0.0.1:7001')).toEqual({ host: '127.0.0.1', port: 7001 });
    expect(parseClusterNode('redis-0.redis:6379')).toEqual({ host: 'redis-0.redis', port: 6379 });
    expect(parseClusterNode('rediss://u:p@node.example:7002')).toEqual({
      host: 'node.example',
      port: 7002,
    });
    expect(parseClusterNode('[::1]:7003')).toEqual({ host: '::1', port: 7003 });
    expect(parseClusterNode('node-without-port')).toEqual({
      host: 'node-without-port',
      port: 6379,
    });
    for (const bad of ['', ':7001', 'host:0', 'host:70000', 'host:12/x', 'http://h:1']) {
      expect({ bad, parsed: parseClusterNode(bad) }).toEqual({ bad, parsed: null });
    }
  });

  it('REDIS_CLUSTER_NODES: a bad entry is named (by position, never echoed), good ones are kept', () => {
    let problems: string[] = [];
    try {
      validateEnvironment(
        { REDIS_CLUSTER_NODES: '127.0.0.1:7001, secret-host:notaport' },
        'worker',
      );
    } catch (error) {
      problems = (error as ConfigValidationError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^REDIS_CLUSTER_NODES: entry 2 must be/)]);
    expect(problems.join()).not.toContain('secret');

    const config = validateEnvironment(
      { REDIS_CLUSTER_NODES: '127.0.0.1:7001,127.0.0.1:7002', REDIS_TIMEOUT_MS: '750' },
      'worker',
    );
    expect(config.redisClusterNodes).toEqual(['127.0.0.1:7001', '127.0.0.1:7002']);
    expect(config.redisTimeoutMs).toBe(750);
    expect(validateEnvironment({}, 'worker').redisTimeoutMs).toBe(2000);
  });

  it('puts the queue prefix in a hash tag on a cluster only', () => {
    expect(queueKeyPrefix({ queuePrefix: 'mi', redisClusterNodes: [] })).toBe('mi');
    expect(queueKeyPrefix({ queuePrefix: 'mi', redisClusterNodes: ['h:1'] })).toBe('{mi}');
  });
});
