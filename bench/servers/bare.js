// Bare Express 5, the yardstick: one route, no middleware, with the core project's own express.
import { createRequire } from 'node:module';

const express = createRequire(`${process.env.BENCH_PROJECT}/package.json`)('express');
const app = express();
app.get('/', (req, res) => {
  res.json({ ok: true });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
