/**
 * The page's clock follows the local cloud's (tools/local-cloud/clock.ts): when the cloud's clock has
 * been moved (`npm run clock -- +8d`), `new Date()` and `Date.now()` in the pages move with it, so
 * overdue badges, "this month" and "this year" on screen agree with the server. The offset is read from
 * `/health` before any page code runs, and again from every function answer's `X-Clock-Offset-Ms`.
 */

let offsetMs = 0;

/**
 * Replaces the global `Date` with one whose `new Date()` and `Date.now()` add `offset()` to the real
 * clock; dates built from a value are untouched and the prototype is the real one. (The local cloud's
 * worker does the same in plain JavaScript: it cannot import this file.)
 */
export function shiftDate(offset: () => number): void {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const now = () => realNow() + offset();
  function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.prototype = RealDate.prototype;
  (ShiftedDate as unknown as { now: () => number }).now = now;
  (globalThis as unknown as { Date: unknown }).Date = ShiftedDate;
}

/** Takes the offset a function answer carries (a header value; absent or malformed: unchanged). */
export function followCloudOffset(header: string | null): void {
  const value = Number(header);
  if (header !== null && header !== '' && Number.isFinite(value)) offsetMs = value;
}

/** Shifts this page's Date and reads the cloud's offset once, before any page code runs. */
export function installCloudClock(): void {
  shiftDate(() => offsetMs);
  try {
    // Synchronous on purpose: the pages' first `new Date()` must already agree with the cloud.
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/health', false);
    xhr.send();
    if (xhr.status === 200) {
      const health = JSON.parse(xhr.responseText) as { clock?: { offsetMs?: unknown } };
      followCloudOffset(String(health.clock?.offsetMs ?? ''));
    }
  } catch {
    // No cloud yet: the machine's clock until the first answer says otherwise.
  }
}
