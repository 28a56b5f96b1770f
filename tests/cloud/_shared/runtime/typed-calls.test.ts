/**
 * The test helpers are typed by the contract (issue 19): `world.ok(fn, action, params)` answers with
 * `ResponseOf<fn, action>`, so a wrong pairing of function, action, params and answer does not compile.
 * Each `@ts-expect-error` below fails `npm run typecheck` the day its line compiles; each call is made
 * too, and the cloud refuses what the types refuse.
 */
import type { PaymentMineResponse } from '../../../../typings/api';
import { FINANCE } from '../../../helpers/payments';
import { startWorld, type World } from '../../../helpers/world';

const RESIDENT = 'demo-resident-luoyong';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

test('a call answers with the response its action has in the contract', async () => {
  const batches = await world.ok('payment', 'batches', {}, FINANCE);
  expect(batches).toMatchObject({ batch: null, lines: [] });
});

test('an answer cannot be taken for another action’s', async () => {
  // @ts-expect-error payment.batches answers BatchesResponse, not the 明白账
  const mine: PaymentMineResponse = await world.ok('payment', 'batches', {}, FINANCE);
  expect(mine).not.toHaveProperty('years');
});

test('an action the function does not have does not compile, and is refused', async () => {
  // @ts-expect-error payment has no action `dropAll`
  expect(await world.call('payment', 'dropAll', {}, FINANCE)).toMatchObject({ code: 'INVALID_ARGUMENT' });
});

test('a param of the wrong type does not compile, and is refused', async () => {
  // @ts-expect-error `year` is a number
  const res = await world.call('payment', 'mine', { year: '2026年' }, RESIDENT);
  expect(res).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
});

test('a param the contract does not name does not compile: the caller is the platform’s, not the event’s', async () => {
  // @ts-expect-error no action takes an openid
  const res = await world.call('payment', 'summary', { openid: 'demo-finance' }, RESIDENT);
  expect(res.ok).toBe(true);
});
