import { Router } from 'express';
import { z } from 'zod';
import { describeRoutes } from '../openapi/describe.js';

const liveness = z.object({ status: z.literal('ok') });
const readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.string()),
});

// Liveness says the process answers; readiness says its dependencies do, so traffic can be routed.
export function createHealthRouter({ checks, timeoutMs = 2000 }) {
  const router = Router();
  router.get('/health', (req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => runCheck(checks[name], timeoutMs)));
    const ready = results.every((result) => result === 'ok');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      checks: Object.fromEntries(names.map((name, index) => [name, results[index]])),
    });
  });
  return describeRoutes(router, {
    'GET /health': {
      summary: 'Liveness: the process answers',
      tags: ['health'],
      responses: { 200: { description: 'The process is up', schema: liveness } },
    },
    'GET /ready': {
      summary: 'Readiness: every dependency answers',
      tags: ['health'],
      responses: {
        200: { description: 'Every check answered "ok"', schema: readiness },
        503: { description: 'A check failed; its value says why', schema: readiness },
      },
    },
  });
}

// A dependency that hangs must fail the probe rather than hang it.
async function runCheck(check, timeoutMs) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    // An outage's error keeps the driver's words, which say what failed, in its cause.
    return (error.cause ?? error).message;
  } finally {
    clearTimeout(timer);
  }
}
