import cors from 'cors';

// Only listed origins get CORS headers; the browser blocks every other cross-origin read.
export function corsAllowList(origins) {
  return cors({ origin: origins });
}
