import { dueAt, endOfShanghaiDay } from '../../../cloudfunctions/_shared/deadline';

test('a deadline ends at midnight Beijing time', () => {
  expect(endOfShanghaiDay('2026-03-10').toISOString()).toBe('2026-03-10T15:59:59.999Z');
});

test('calendar days run through weekends and holidays', () => {
  // Submitted 2026-09-30 10:00 in Beijing.
  expect(dueAt(new Date('2026-09-30T02:00:00Z'), 7, false).toISOString()).toBe('2026-10-07T15:59:59.999Z');
});

test('working days skip the National Day holiday and count its make-up working day', () => {
  // 1–7 October 2026 are holidays; 10 October (a Saturday) is a make-up working day.
  expect(dueAt(new Date('2026-09-30T02:00:00Z'), 1, true).toISOString()).toBe('2026-10-08T15:59:59.999Z');
  expect(dueAt(new Date('2026-09-30T02:00:00Z'), 3, true).toISOString()).toBe('2026-10-10T15:59:59.999Z');
});

test('working days skip an ordinary weekend', () => {
  // Friday 2026-03-13 → 5 working days → Friday 2026-03-20.
  expect(dueAt(new Date('2026-03-13T01:00:00Z'), 5, true).toISOString()).toBe('2026-03-20T15:59:59.999Z');
});

test('late evening in Beijing is already the next UTC day’s date there', () => {
  // 2026-03-13 23:30 Beijing is 15:30 UTC the same date; 2026-03-14 00:30 Beijing is the 14th.
  expect(dueAt(new Date('2026-03-13T16:30:00Z'), 1, false).toISOString()).toBe('2026-03-15T15:59:59.999Z');
});
