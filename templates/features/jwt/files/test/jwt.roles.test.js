import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { adminAgent, createTestApp } from './helpers.js';
import { bearer, registerAndLogin } from './jwtClient.js';

test('role user may read users but not write them, nor see /admin/stats', async () => {
  const app = await createTestApp();
  const { accessToken } = await registerAndLogin(app);
  const target = (await (await adminAgent(app)).get('/api/v1/me').expect(200)).body;
  const as = (req) => req.set(bearer(accessToken));
  await as(request(app).get('/api/v1/users')).expect(200);
  await as(request(app).get(`/api/v1/users/${target.id}`)).expect(200);
  for (const res of [
    await as(request(app).post('/api/v1/users')).send({ email: 'x@example.com', name: 'X' }),
    await as(request(app).patch(`/api/v1/users/${target.id}`)).send({ name: 'Renamed' }),
    await as(request(app).delete(`/api/v1/users/${target.id}`)),
    await as(request(app).get('/api/v1/admin/stats')),
  ]) {
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'FORBIDDEN');
  }
});
