// Loads five HTTP targets side by side, interleaved over rounds, and prints what each request
// costs: bare Express, the generated GET /api/v1/users without middleware, express-generator's
// app, the core service's full stack and the signed-in list of the jwt+redis+postgres service.
// scripts/bench-http prepares the projects and runs this; see the README.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    work: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    'server-cpu': { type: 'string' },
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
    against: { type: 'string' },
    'against-database-url': { type: 'string' },
    only: { type: 'string' },
  },
});
const work = options.work;
const rounds = Number(options.rounds);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const connections = Number(options.connections);
const clockTicks = 100; // USER_HZ, which Linux fixes at 100 for /proc/<pid>/stat
const servers = join(import.meta.dirname, 'servers');
const productionEnv = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  // Every request still goes through the limiter, but none is refused during the run.
  RATE_LIMIT_MAX: '1000000000',
};

const targets = [
  {
    name: 'bare Express 5',
    path: '/',
    command: [join(servers, 'bare.js')],
    env: { BENCH_PROJECT: join(work, 'core') },
  },
  {
    name: 'users route, no middleware',
    path: '/api/v1/users',
    command: [join(servers, 'route.js')],
    env: { BENCH_PROJECT: join(work, 'core') },
  },
  {
    name: 'express-generator /users',
    path: '/users',
    command: ['bin/www'],
    cwd: join(work, 'express-generator'),
  },
  ...generatedServices('', { core: 'core', jrp: 'jrp' }, options['database-url']),
  // The same two services as scaffold at another revision generates them, to compare a change.
  ...(options.against
    ? generatedServices(
        ` @${options.against}`,
        { core: 'core-against', jrp: 'jrp-against' },
        options['against-database-url'],
      )
    : []),
].filter((target) => !options.only || options.only.split(',').some((n) => target.name.includes(n)));

const running = [];
process.on('exit', () => running.forEach((child) => child.kill()));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

for (const target of targets) {
  target.base = await start(target);
  target.headers = (await target.prepare?.(target.base)) ?? {};
  target.results = [];
  if (warmup > 0) await load(target, warmup);
}
for (let round = 1; round <= rounds; round++) {
  for (const target of targets) target.results.push(await load(target, duration));
}
printTable();
process.exit(0);

async function start(target) {
  const port = await freePort();
  const log = openSync(join(work, `${target.name.replace(/\W+/g, '-')}.log`), 'w');
  const node = [process.execPath, ...target.command];
  const argv = options['server-cpu'] ? ['taskset', '-c', options['server-cpu'], ...node] : node;
  const child = spawn(argv[0], argv.slice(1), {
    cwd: target.cwd ?? work,
    env: { ...process.env, ...target.env, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  running.push(child);
  target.pid = child.pid;
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${target.name} exited; see its log in ${work}`);
    try {
      const response = await fetch(base + (target.ready ?? target.path));
      await response.arrayBuffer();
      if (response.ok) return base;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${target.name} did not answer within 30s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function load(target, seconds) {
  const before = cpuTicks(target.pid);
  const run = autocannon({
    url: target.base + target.path,
    connections,
    duration: seconds,
    headers: target.headers,
  });
  // autocannon's own percentiles are whole milliseconds, and bare Express answers well within
  // one; each response's time is kept in fractions of a millisecond instead.
  const latencies = [];
  run.on('response', (client, statusCode, bytes, responseTime) => latencies.push(responseTime));
  const result = await run;
  const cpu = (cpuTicks(target.pid) - before) / clockTicks;
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    cpuPerRequest: requests ? (cpu / requests) * 1e6 : NaN,
    p99: percentile(latencies, 0.99),
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

// utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat).
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

// A user that already exists (a database kept from an earlier run) is left as it is.
async function seedUsers(base, count, headers) {
  for (let i = 1; i <= count; i++) {
    const user = { email: `user${i}@example.com`, name: `User ${i}` };
    await post(base, '/api/v1/users', user, headers, [409]);
  }
}

async function post(base, path, body, headers = {}, tolerated = []) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok && !tolerated.includes(response.status)) {
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(answer)}`);
  }
  return answer;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function percentile(values, fraction) {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

function median(values) {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function printTable() {
  const rows = targets.map((target) => {
    const of = (key) => median(target.results.map((result) => result[key]));
    return {
      name: target.name,
      rps: of('rps'),
      cpu: of('cpuPerRequest'),
      p99: of('p99'),
      failed: target.results.reduce((sum, result) => sum + result.failed, 0),
    };
  });
  const bare = rows.find((row) => row.name === 'bare Express 5');
  const route = rows.find((row) => row.name === 'users route, no middleware');
  const ratio = (value, base) => (base ? `${(value / base).toFixed(2)}x` : '-');
  const header = [
    'target',
    'req/s',
    'x bare',
    'CPU us/req',
    'CPU x route',
    'p99 ms',
    'p99 x bare',
    'non-2xx',
  ];
  const lines = rows.map((row) => [
    row.name,
    row.rps.toFixed(0),
    ratio(row.rps, bare?.rps),
    row.cpu.toFixed(1),
    ratio(row.cpu, route?.cpu),
    row.p99.toFixed(2),
    ratio(row.p99, bare?.p99),
    String(row.failed),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((l) => l[i].length)));
  const format = (cells) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  console.log(
    `${rounds} round(s) of ${duration}s per target, ${connections} connections; medians over rounds`,
  );
  console.log(format(header));
  for (const line of lines) console.log(format(line));
}

// The core service's full stack, and the signed-in list of the jwt+redis+postgres service, from
// the projects in dirs, with suffix added to their names.
function generatedServices(suffix, dirs, databaseUrl) {
  return [
    {
      name: `core full stack${suffix}`,
      path: '/api/v1/users',
      command: ['src/server.js'],
      cwd: join(work, dirs.core),
      env: productionEnv,
      ready: '/health',
      prepare: (base) => seedUsers(base, 10, {}),
    },
    {
      name: `jwt+redis+postgres signed in${suffix}`,
      path: '/api/v1/users',
      command: ['src/server.js'],
      cwd: join(work, dirs.jrp),
      env: {
        ...productionEnv,
        DATABASE_URL: databaseUrl,
        REDIS_URL: options['redis-url'],
        REDIS_KEY_PREFIX: `bench-http-${process.pid}-${dirs.jrp}:`,
        JWT_SECRET: randomBytes(32).toString('base64url'),
        JWT_ACCESS_TTL: '1h',
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_PASSWORD: 'bench-admin-password',
      },
      ready: '/health',
      prepare: async (base) => {
        const login = await post(base, '/api/v1/auth/login', {
          email: 'admin@example.com',
          password: 'bench-admin-password',
        });
        const headers = { authorization: `Bearer ${login.accessToken}` };
        // The administrator is the first of the ten users.
        await seedUsers(base, 9, headers);
        return headers;
      },
    },
  ];
}
