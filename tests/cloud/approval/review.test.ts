import type { AnswerValue } from '../../../typings/api';
import { secondMilinCadre } from '../../helpers/staff';
import {
  startWorld,
  testIdNumber,
  uploaded,
  VILLAGE_HONGHUA,
  VILLAGE_MILIN,
  type World,
} from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await secondMilinCadre(world);
});
afterAll(() => world.close());

let seq = 700;
/** A verified resident of `village` declaring for `code`; returns the declaration id. */
async function declaration(village = VILLAGE_MILIN, code = 'YIMIN'): Promise<string> {
  seq += 1;
  const openid = `openid-approval-${seq}`;
  const userId = await world.verifiedResident(openid, {
    name: '邓国华',
    idNumber: testIdNumber(seq, '19400101'),
    villageCode: village,
  });
  const answers: Record<string, Record<string, AnswerValue>> = {
    YIMIN: { registeredMigrant: true, reservoir: '江口水库' },
    GAOLING: { livingWith: 'alone' },
  };
  const res = await world.ok(
    'declaration',
    'submit',
    { code, answers: answers[code], attachments: [uploaded(userId, 'idCard')] },
    openid,
  );
  expect(res.valid).toBe(true);
  return res.declarationId;
}

const queueOf = (openid: string, filter: Record<string, unknown> = {}) =>
  world.ok('approval', 'queue', { pageSize: 50, ...filter }, openid);
const versionOf = async (id: string, openid = 'demo-cadre-village') =>
  (await world.ok('approval', 'detail', { declarationId: id }, openid)).version;

test('an item climbs the chain: village approves, township approves, the notice starts', async () => {
  const id = await declaration();
  expect((await queueOf('demo-cadre-village')).items.map((i) => i.declarationId)).toContain(id);
  expect((await queueOf('demo-cadre-township')).items.map((i) => i.declarationId)).not.toContain(id);
  const first = await world.ok(
    'approval',
    'review',
    {
      declarationId: id,
      version: await versionOf(id),
      outcome: 'approve',
      opinion: '情况属实，同意',
    },
    'demo-cadre-village',
  );
  expect(first.item).toMatchObject({
    status: 'in_review',
    stage: 'township_review',
    statusText: '乡镇审核中',
  });
  expect((await queueOf('demo-cadre-township')).items.map((i) => i.declarationId)).toContain(id);
  const second = await world.ok(
    'approval',
    'review',
    { declarationId: id, version: first.item.version, outcome: 'approve' },
    'demo-cadre-township',
  );
  expect(second.item).toMatchObject({ status: 'publicity', statusText: '公示中' });
  const again = await world.call(
    'approval',
    'review',
    { declarationId: id, version: second.item.version, outcome: 'approve' },
    'demo-cadre-township',
  );
  expect(again).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
});

test('the resident sees who decided, in which unit, when and why', async () => {
  const id = await declaration();
  await world.ok(
    'approval',
    'review',
    {
      declarationId: id,
      version: await versionOf(id),
      outcome: 'return',
      opinion: '材料不清晰，请重新上传',
    },
    'demo-cadre-village',
  );
  const detail = await world.ok('approval', 'detail', { declarationId: id }, 'demo-cadre-village');
  expect(detail.status).toBe('returned');
  expect(detail.timeline.find((t) => t.event === 'returned')).toMatchObject({
    stageLabel: '村级初审',
    unit: '罗江镇密林村村民委员会',
    actorMaskedName: '李*',
    opinion: '材料不清晰，请重新上传',
  });
});

test('returning or rejecting needs an opinion', async () => {
  const id = await declaration();
  const res = await world.call(
    'approval',
    'review',
    { declarationId: id, version: await versionOf(id), outcome: 'reject' },
    'demo-cadre-village',
  );
  expect(res).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: '不通过时请填写审核意见' });
});

test('a cadre of another village is FORBIDDEN on the item and nothing is written', async () => {
  const id = await declaration(VILLAGE_HONGHUA);
  const version = await versionOf(id, 'demo-cadre-township');
  const before = await world.snapshot('declarations', 'audit_log');
  const res = await world.call(
    'approval',
    'review',
    { declarationId: id, version, outcome: 'approve' },
    'demo-cadre-village',
  );
  expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await world.snapshot('declarations', 'audit_log')).toBe(before);
  expect((await queueOf('demo-cadre-village')).items.map((i) => i.declarationId)).not.toContain(id);
});

test('a township cadre reaches all its villages and no other township’s', async () => {
  const milin = await declaration(VILLAGE_MILIN);
  const honghua = await declaration(VILLAGE_HONGHUA);
  const other = await declaration('511702002001');
  await world.ok(
    'approval',
    'review',
    { declarationId: milin, version: await versionOf(milin), outcome: 'approve' },
    'demo-cadre-village',
  );
  // 红花村 has no village cadre in the demo: its item is moved to the township stage directly.
  for (const id of [honghua, other]) {
    await world.db
      .collection('declarations')
      .doc(id)
      .update({ data: { stageIndex: 1, stageLevel: 'township' } });
  }
  const ids = (await queueOf('demo-cadre-township')).items.map((i) => i.declarationId);
  expect(ids).toEqual(expect.arrayContaining([milin, honghua]));
  expect(ids).not.toContain(other);
  const forbidden = await world.call('approval', 'detail', { declarationId: other }, 'demo-cadre-township');
  expect(forbidden).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('a county department sees only its own projects', async () => {
  const yimin = await declaration(VILLAGE_MILIN, 'YIMIN');
  const gaoling = await declaration(VILLAGE_MILIN, 'GAOLING');
  // Move both to the county stage directly: the public notice ends with the scheduler's issue.
  for (const id of [yimin, gaoling]) {
    await world.db
      .collection('declarations')
      .doc(id)
      .update({ data: { stageIndex: 3, stageLevel: 'county' } });
  }
  const county = await queueOf('demo-cadre-county');
  const ids = county.items.map((i) => i.declarationId);
  expect(ids).toContain(gaoling);
  expect(ids).not.toContain(yimin);
});

test('two cadres deciding one item at once: exactly one wins, the other gets CONFLICT, every time', async () => {
  for (let round = 0; round < 8; round++) {
    const id = await declaration();
    const version = await versionOf(id);
    const results = await Promise.all([
      world.call(
        'approval',
        'review',
        { declarationId: id, version, outcome: 'approve' },
        'demo-cadre-village',
      ),
      world.call(
        'approval',
        'review',
        {
          declarationId: id,
          version,
          outcome: 'reject',
          opinion: '经入户核实，不符合申报条件',
        },
        'demo-resident-luoyong-wife',
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已被他人处理'),
    });
    const detail = await world.ok('approval', 'detail', { declarationId: id }, 'demo-cadre-village');
    expect(detail.timeline.filter((t) => t.event !== 'pending' && t.event !== 'submitted')).toHaveLength(1);
  }
});

test('a batch decides each item on its own and says which failed', async () => {
  const a = await declaration();
  const b = await declaration();
  const stale = await versionOf(b);
  await world.ok(
    'approval',
    'review',
    { declarationId: b, version: stale, outcome: 'approve' },
    'demo-cadre-village',
  );
  const res = await world.ok(
    'approval',
    'batchReview',
    {
      outcome: 'approve',
      items: [
        { declarationId: a, version: await versionOf(a) },
        { declarationId: b, version: stale },
      ],
    },
    'demo-cadre-village',
  );
  expect(res.results).toEqual([
    { declarationId: a, ok: true },
    { declarationId: b, ok: false, code: 'CONFLICT', message: expect.any(String) },
  ]);
});

test('residents have no access to the approval function', async () => {
  expect(await world.call('approval', 'queue', {}, 'demo-resident-luoyong')).toMatchObject({
    code: 'FORBIDDEN',
  });
});
