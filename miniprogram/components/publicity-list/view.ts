/** A line of a public list (公示名单) as shown. Pure, so every branch is testable. */
import type { PublicityItem } from '../../../typings/api';
import { formatYuan } from '../../shared/money';
import { shanghaiDaySpan } from '../../shared/time';
import type { TagTheme } from '../../types/tag';

export interface PublicityRow {
  id: string;
  maskedName: string;
  villageName: string;
  projectName: string;
  /** 50.00元 */
  amount: string;
  standardText: string;
  /** 公示期 2026-03-01 至 2026-03-07 */
  period: string;
  stateText: string;
  theme: TagTheme;
}

/** The notice ends at a Shanghai midnight (exclusive), so its last day is the day before. */
export function noticePeriod(startsAt: string, endsAt: string): string {
  return `公示期 ${shanghaiDaySpan(startsAt, endsAt)}`;
}

export function publicityRow(item: PublicityItem): PublicityRow {
  return {
    id: item.publicityId,
    maskedName: item.maskedName,
    villageName: item.villageName,
    projectName: item.projectName,
    amount: formatYuan(item.amountFen),
    standardText: item.standardText,
    period: noticePeriod(item.startsAt, item.endsAt),
    stateText: item.stateText,
    theme: item.status === 'objection_hold' ? 'warning' : item.status === 'publicity' ? 'primary' : 'default',
  };
}
