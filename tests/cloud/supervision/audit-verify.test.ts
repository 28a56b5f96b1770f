import { startWorld, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const verify = () => world.ok('supervision', 'auditVerify', {}, 'demo-supervisor');

test('an intact log verifies; a tampered entry and then a deleted one are found and named', async () => {
  await world.ok(
    'tipoff',
    'submit',
    {
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

  // The tip-off's entry: altered, then removed.
  const { data } = await world.db.collection('audit_log').where({ targetType: 'tipoff' }).limit(1).get();
  const entry = data[0] as { _id: string; lane?: number; seq: number; detail: Record<string, unknown> };
  const lane = entry.lane ?? 0;
  const where = lane ? `第${lane}号链第${entry.seq}条` : `第${entry.seq}条`;
  await world.db
    .collection('audit_log')
    .doc(entry._id)
    .update({ data: { detail: { ...entry.detail, forged: true } } });
  expect(await verify()).toMatchObject({
    ok: false,
    firstBroken: { seq: entry.seq, lane, problem: `${where}审计记录的内容与其哈希不符（可能被改动）` },
  });

  await world.db.collection('audit_log').doc(entry._id).remove();
  const after = await verify();
  expect(after.ok).toBe(false);
  expect(after.firstBroken).toMatchObject({ lane, seq: entry.seq });
  expect(after.firstBroken?.problem).toMatch(/缺失|链头不符/);
  expect(await world.call('supervision', 'auditVerify', {}, 'demo-cadre-county')).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
});
