/**
 * The day every test lives on unless it names another: test clouds start their clock here and the mini
 * program's page tests run their `Date` from here, whatever the machine's clock says, so no test
 * depends on the day it runs (a Thursday in late November 2026, 10:00 in Shanghai).
 */
export const TEST_DAY = '2026-11-26T02:00:00.000Z';
