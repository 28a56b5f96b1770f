/**
 * What the mini program runtime provides and miniprogram-simulate does not: getApp, getCurrentPages
 * and a working storage. miniprogram-simulate merges the existing global `wx` into its own on import,
 * so what is set here (and any mock set later) survives every re-import.
 */
import { shiftDate } from '../../../tools/preview/runtime/clock';
import { TEST_DAY } from '../../helpers/test-day';

// The pages' clock starts on the tests' day and runs on from there (never the machine's day).
const offset = Date.parse(TEST_DAY) - Date.now();
shiftDate(() => offset);

const storage = new Map<string, unknown>();

const runtime = globalThis as unknown as Record<string, unknown>;
runtime.getApp = () => ({ globalData: {} });
runtime.getCurrentPages = () => [];
runtime.wx = {
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string) => {
    storage.delete(key);
  },
  clearStorageSync: () => storage.clear(),
};
