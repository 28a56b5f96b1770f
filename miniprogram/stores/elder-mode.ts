/** 适老化 elder mode: larger type and higher contrast, chosen in 我的 and kept on the device. */
import { observable } from './observable';

const STORAGE_KEY = 'ykt.elderMode';

const state = observable<boolean>(false);
let loaded = false;

export function isElderMode(): boolean {
  if (!loaded) {
    state.set(wx.getStorageSync(STORAGE_KEY) === true);
    loaded = true;
  }
  return state.get();
}

export function setElderMode(on: boolean): void {
  wx.setStorageSync(STORAGE_KEY, on);
  loaded = true;
  state.set(on);
}

export const onElderModeChange = state.subscribe;
