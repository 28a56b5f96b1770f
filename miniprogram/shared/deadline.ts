/** Stage deadlines (办理时限). Calendar days for now; working days need the official holiday calendar. */

const DAY_MS = 24 * 60 * 60 * 1000;

export function addCalendarDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}
