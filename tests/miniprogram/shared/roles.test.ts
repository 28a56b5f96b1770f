import { canSeeTab, hasAnyRole, visibleTabs } from '../../../miniprogram/shared/roles';
import { admin, cadre, finance, supervisor } from '../helpers/fixtures';

test('without any grant only 首页 and 我的 are visible', () => {
  expect(visibleTabs([])).toEqual(['home', 'mine']);
});

test('a resident sees 首页 and 我的', () => {
  expect(visibleTabs([{ role: 'resident' }])).toEqual(['home', 'mine']);
});

test('a cadre sees 审批', () => {
  expect(visibleTabs([{ role: 'resident' }, cadre])).toEqual(['home', 'approval', 'mine']);
});

test('a supervisor sees 监督', () => {
  expect(visibleTabs([supervisor])).toEqual(['home', 'supervise', 'mine']);
});

test('finance has no staff tab of its own', () => {
  expect(visibleTabs([finance])).toEqual(['home', 'mine']);
});

test('an admin sees 审批 and 监督', () => {
  expect(visibleTabs([admin])).toEqual(['home', 'approval', 'supervise', 'mine']);
});

test('a cadre who is also a supervisor sees both staff tabs in order', () => {
  expect(visibleTabs([supervisor, cadre])).toEqual(['home', 'approval', 'supervise', 'mine']);
});

test('canSeeTab answers per tab', () => {
  expect(canSeeTab([cadre], 'approval')).toBe(true);
  expect(canSeeTab([cadre], 'supervise')).toBe(false);
  expect(canSeeTab([], 'home')).toBe(true);
});

test('hasAnyRole is true when one of the names is granted', () => {
  expect(hasAnyRole([finance], ['finance', 'admin'])).toBe(true);
  expect(hasAnyRole([cadre], ['finance', 'admin'])).toBe(false);
});
