import type { AuditVerifyResponse } from '../../../typings/api';
import { startWorld, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const verify = () =>
  world.ok<AuditVerifyResponse>('supervision', { action: 'auditVerify' }, 'demo-supervisor');

test('an intact log verifies; a tampered entry and then a deleted one are found and named', async () => {
  await world.ok(
    'tipoff',
    {
      action: 'submit',
      kind: 'other',
      anonymous: true,
      regionCode: '511702001001',
      content: '测试审计链的一条举报内容。',
    },
    'x',
  );
  const intact = await verify();
  expect(intact).toMatchObject({ ok: true, firstBroken: null });
  expect(intact.checked).toBeGreaterThan(1);

  const { data } = await world.db.collection('audit_log').where({ seq: 2 }).limit(1).get();
  const entry = data[0] as { _id: string; detail: Record<string, unknown> };
  await world.db
    .collection('audit_log')
    .doc(entry._id)
    .update({ data: { detail: { ...entry.detail, forged: true } } });
  expect(await verify()).toMatchObject({
    ok: false,
    firstBroken: { seq: 2, problem: expect.stringContaining('被改动') },
  });

  const { data: third } = await world.db.collection('audit_log').where({ seq: 1 }).limit(1).get();
  await world.db
    .collection('audit_log')
    .doc((third[0] as { _id: string })._id)
    .remove();
  expect(await verify()).toMatchObject({
    ok: false,
    firstBroken: { seq: 1, problem: expect.stringContaining('缺失') },
  });
  expect(await world.call('supervision', { action: 'auditVerify' }, 'demo-cadre-county')).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
});
