/**
 * The page tests' cloud is typed by the contract (issue 19): each `function.action` of a mock table
 * must answer with that action's response or an error. Each `@ts-expect-error` below fails
 * `npm run typecheck` the day its line compiles.
 */
import { residentLogin, residentProfile } from './fixtures';
import { type Answers, eventsOf, fail, mockActions, ok } from './wx-mocks';

test('each action answers with its own response, computed from the event it was sent', async () => {
  const cloud = mockActions({
    'user.login': ok(residentLogin()),
    'payment.mine': (event) =>
      ok({ year: event.year, items: [], total: 0, page: 1, pageSize: 20, years: [] }),
  });
  const answered = await cloud({ name: 'payment', data: { action: 'mine', year: 2026 } });
  expect(answered.result).toMatchObject({ ok: true, data: { year: 2026 } });
  expect(eventsOf(cloud, 'payment.mine')).toEqual([{ action: 'mine', year: 2026 }]);
});

test('an action without an answer fails with INTERNAL and names itself', async () => {
  const cloud = mockActions({});
  expect((await cloud({ name: 'payment', data: { action: 'mine', year: 2026 } })).result).toEqual(
    fail('INTERNAL', '测试未模拟 payment.mine'),
  );
});

test('a wrong answer, an unknown action or a wrong event field does not compile', () => {
  // @ts-expect-error user.profile answers ProfileResponse, not LoginResponse
  const wrongAnswer: Answers = { 'user.profile': ok(residentLogin()) };
  // @ts-expect-error the user function has no action `drop`
  const unknownAction: Answers = { 'user.drop': ok(residentProfile()) };
  const wrongField: Answers = {
    // @ts-expect-error payment.mine is sent a number year, not a string
    'payment.mine': (event) => ok({ ...event, year: event.year.padStart(4) }),
  };
  expect([wrongAnswer, unknownAction, wrongField].map(Object.keys)).toEqual([
    ['user.profile'],
    ['user.drop'],
    ['payment.mine'],
  ]);
});
