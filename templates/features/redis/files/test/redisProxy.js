import { testRedisUrl } from './redisServer.js';
import { startTcpProxy } from './tcpProxy.js';

// The test Redis behind a proxy that a test can cut, restore, stall and resume (see tcpProxy.js).
export function startRedisProxy(t) {
  return startTcpProxy(t, testRedisUrl());
}
