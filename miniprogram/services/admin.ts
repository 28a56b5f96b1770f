/** The `admin` cloud function. Only the public action is called from resident pages. */
import type { RegionView } from '../../typings/api';
import { callFunction } from './call';

/** 行政区划: the children of a region; the counties of 达州 without `parentCode`. */
export async function listRegions(parentCode?: string): Promise<RegionView[]> {
  const { items } = await callFunction('admin', 'listRegions', parentCode ? { parentCode } : {});
  return items;
}
