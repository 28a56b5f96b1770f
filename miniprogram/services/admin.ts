/** The `admin` cloud function: the public region picker, and the admin's 节假日安排. */
import type {
  CalendarResponse,
  ImportCalendarRequest,
  ImportCalendarResponse,
  RegionView,
} from '../../typings/api';
import { callFunction } from './call';

/** 行政区划: the children of a region; the counties of 达州 without `parentCode`. */
export async function listRegions(parentCode?: string): Promise<RegionView[]> {
  const { items } = await callFunction('admin', 'listRegions', parentCode ? { parentCode } : {});
  return items;
}

/** 节假日安排: the years held and missing, with open alerts (admins only). */
export function holidayCalendar(year?: number): Promise<CalendarResponse> {
  return callFunction('admin', 'calendar', year ? { year } : {});
}

/** 导入节假日安排: one year's whole list, with the version last read (CONFLICT when it changed since). */
export function importCalendar(request: ImportCalendarRequest): Promise<ImportCalendarResponse> {
  return callFunction('admin', 'importCalendar', request);
}
