/** The 7-field cron of timer triggers, matched in Beijing time. */
import { CronError, cronMatches, nextCronTime, parseCron } from '../../../tools/local-cloud/gateway/cron';

/** A UTC instant from a Beijing wall-clock time. */
function beijing(text: string): Date {
  return new Date(`${text}+08:00`);
}

describe('parseCron', () => {
  test('accepts the forms the project uses', () => {
    for (const expr of [
      '0 0 2 * * * *',
      '*/5 * * * * * *',
      '0 30 9 1,15 * * *',
      '0 0 8-18/2 * * MON-FRI *',
      '0 0 0 1 JAN ? 2026-2030',
      '0 0 12 * * 0 *',
      '0 0 12 * * 7 *',
    ]) {
      expect(() => parseCron(expr)).not.toThrow();
    }
  });

  test.each([
    ['0 0 2 * * *', /7 个字段/],
    ['0 0 24 * * * *', /超出范围/],
    ['60 * * * * * *', /超出范围/],
    ['0 0 2 0 * * *', /超出范围/],
    ['0 0 5-2 * * * *', /区间/],
    ['*/0 * * * * * *', /步长/],
    ['a * * * * * *', /不合法/],
    ['0,,1 * * * * * *', /为空/],
  ])('refuses %s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(CronError);
    expect(() => parseCron(expr)).toThrow(message);
  });
});

describe('cronMatches', () => {
  test('every day at 02:00:00 Beijing time (18:00 UTC the day before)', () => {
    const daily = parseCron('0 0 2 * * * *');
    expect(cronMatches(daily, beijing('2026-03-02T02:00:00'))).toBe(true);
    expect(cronMatches(daily, new Date('2026-03-01T18:00:00Z'))).toBe(true);
    expect(cronMatches(daily, beijing('2026-03-02T02:00:01'))).toBe(false);
    expect(cronMatches(daily, beijing('2026-03-02T03:00:00'))).toBe(false);
    expect(cronMatches(daily, new Date('2026-03-02T02:00:00Z'))).toBe(false);
  });

  test('milliseconds inside the second still match', () => {
    expect(
      cronMatches(parseCron('0 0 2 * * * *'), new Date(beijing('2026-03-02T02:00:00').getTime() + 999)),
    ).toBe(true);
  });

  test('steps, lists and ranges', () => {
    const every5 = parseCron('*/5 * * * * * *');
    expect(cronMatches(every5, beijing('2026-01-01T10:00:05'))).toBe(true);
    expect(cronMatches(every5, beijing('2026-01-01T10:00:06'))).toBe(false);
    const from10 = parseCron('10/20 * * * * * *');
    expect([10, 30, 50].every((s) => cronMatches(from10, beijing(`2026-01-01T10:00:${s}`)))).toBe(true);
    expect(cronMatches(from10, beijing('2026-01-01T10:00:20'))).toBe(false);
    const twice = parseCron('0 30 9 1,15 * * *');
    expect(cronMatches(twice, beijing('2026-04-15T09:30:00'))).toBe(true);
    expect(cronMatches(twice, beijing('2026-04-16T09:30:00'))).toBe(false);
  });

  test('weekdays by number and name, Sunday as 0 or 7', () => {
    // 2026-03-01 is a Sunday, 2026-03-02 a Monday.
    const workdays = parseCron('0 0 9 * * MON-FRI *');
    expect(cronMatches(workdays, beijing('2026-03-02T09:00:00'))).toBe(true);
    expect(cronMatches(workdays, beijing('2026-03-01T09:00:00'))).toBe(false);
    expect(cronMatches(parseCron('0 0 9 * * 0 *'), beijing('2026-03-01T09:00:00'))).toBe(true);
    expect(cronMatches(parseCron('0 0 9 * * 7 *'), beijing('2026-03-01T09:00:00'))).toBe(true);
    expect(cronMatches(parseCron('0 0 9 * * SUN *'), beijing('2026-03-02T09:00:00'))).toBe(false);
  });

  test('day of month and weekday both restricted: either one fires', () => {
    const firstOrMonday = parseCron('0 0 9 1 * MON *');
    expect(cronMatches(firstOrMonday, beijing('2026-04-01T09:00:00'))).toBe(true); // a Wednesday, the 1st
    expect(cronMatches(firstOrMonday, beijing('2026-03-02T09:00:00'))).toBe(true); // a Monday
    expect(cronMatches(firstOrMonday, beijing('2026-03-03T09:00:00'))).toBe(false);
  });

  test('months by name and years', () => {
    const newYear = parseCron('0 0 0 1 JAN * 2027');
    expect(cronMatches(newYear, beijing('2027-01-01T00:00:00'))).toBe(true);
    expect(cronMatches(newYear, beijing('2026-01-01T00:00:00'))).toBe(false);
    expect(cronMatches(newYear, beijing('2027-02-01T00:00:00'))).toBe(false);
  });
});

describe('nextCronTime', () => {
  test('finds the next firing', () => {
    const daily = parseCron('0 0 2 * * * *');
    expect(nextCronTime(daily, beijing('2026-03-02T02:00:00'))).toEqual(beijing('2026-03-03T02:00:00'));
    expect(nextCronTime(daily, beijing('2026-03-02T01:59:59'))).toEqual(beijing('2026-03-02T02:00:00'));
    expect(nextCronTime(parseCron('*/15 * * * * * *'), beijing('2026-03-02T02:00:01'))).toEqual(
      beijing('2026-03-02T02:00:15'),
    );
    expect(nextCronTime(parseCron('0 0 0 1 JAN * 2020'), beijing('2026-03-02T02:00:00'))).toBeUndefined();
  });
});
