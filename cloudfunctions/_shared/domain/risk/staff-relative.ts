/** 干部及亲属领取: a household with a member on the register of staff and their relatives is paid. */
import { type AlertDraft, type HouseholdFact, type PaymentFact, registerDraft } from './draft';

/** An entry of the imported register of staff and their relatives (干部及亲属备案). */
export interface StaffRelativeFact {
  _id: string;
  personMasked: string;
  staffMasked: string;
  unit: string;
  relation: string;
}

/** A household with a listed member, the page of the register that found it and its first payments. */
export interface StaffRelativeFacts {
  household: HouseholdFact;
  listed: StaffRelativeFact[];
  paid: PaymentFact[];
}

export const staffRelative = {
  rule: 'staff_relative',
  over: 'staff_relatives',
  check({ household, listed, paid }: StaffRelativeFacts): AlertDraft | null {
    if (paid.length === 0) return null;
    const entry = listed.find((r) => household.members.some((m) => m.idHash === r._id));
    if (!entry) return null;
    const who = `${entry.unit}${entry.staffMasked}的${entry.relation}`;
    return registerDraft(
      'staff_relative',
      household,
      { id: entry._id, label: `${entry.personMasked}：${who}` },
      paid,
      `家庭成员${entry.personMasked}是${who}，该户领取了补贴，请核实是否按规定备案、公示`,
    );
  },
} as const;
