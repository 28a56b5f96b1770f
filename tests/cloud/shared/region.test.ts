import {
  normalizeRegionCode,
  parentRegionCode,
  regionLevel,
  regionWithin,
} from '../../../miniprogram/shared/region';

test('six-digit county codes are padded to the twelve-digit statistical code', () => {
  expect(normalizeRegionCode('511702')).toBe('511702000000');
  expect(normalizeRegionCode('51170')).toBeNull();
  expect(normalizeRegionCode('5117020010011')).toBeNull();
});

test('levels are read from the code', () => {
  expect(regionLevel('511700000000')).toBe('city');
  expect(regionLevel('511702')).toBe('county');
  expect(regionLevel('511702001000')).toBe('township');
  expect(regionLevel('511702001001')).toBe('village');
});

test('a township scope covers its villages and not its neighbours', () => {
  expect(regionWithin('511702001000', '511702001001')).toBe(true);
  expect(regionWithin('511702001000', '511702001000')).toBe(true);
  expect(regionWithin('511702001000', '511702002001')).toBe(false);
  expect(regionWithin('511702001000', '511702000000')).toBe(false);
});

test('the city scope covers every county of Dazhou', () => {
  for (const county of ['511702', '511703', '511722', '511723', '511724', '511725', '511781']) {
    expect(regionWithin('511700000000', county)).toBe(true);
  }
  expect(regionWithin('511700000000', '510104000000')).toBe(false);
});

test('garbage never lies within a scope', () => {
  expect(regionWithin('511700000000', '')).toBe(false);
  expect(regionWithin('abc', '511702001001')).toBe(false);
});

test('each region knows its parent', () => {
  expect(parentRegionCode('511702001001')).toBe('511702001000');
  expect(parentRegionCode('511702001000')).toBe('511702000000');
  expect(parentRegionCode('511702000000')).toBe('511700000000');
  expect(parentRegionCode('511700000000')).toBe('510000000000');
});
