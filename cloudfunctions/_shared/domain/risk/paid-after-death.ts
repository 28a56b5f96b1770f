/** 死亡后仍领取: payments for periods after the month the household's head was registered dead. */
import { formatYuan } from '../../../../miniprogram/shared/money';
import { shanghaiDay, shanghaiMonth } from '../../../../miniprogram/shared/time';
import { type AlertDraft, type HouseholdFact, type PaymentFact, registerDraft } from './draft';

/** An entry of the imported death register (民政/公安). */
export interface DeathFact {
  _id: string;
  diedOn: Date;
  nameMasked: string;
  idMasked: string;
}

/** A household whose head is on the register, and its payments made after the death (oldest first). */
export interface DeathFacts {
  household: HouseholdFact;
  death: DeathFact;
  paidSince: PaymentFact[];
}

export const paidAfterDeath = {
  rule: 'paid_after_death',
  over: 'deaths',
  check({ household, death, paidSince }: DeathFacts): AlertDraft | null {
    // Paid for a monthly period that began after the month of death.
    const diedMonth = shanghaiMonth(death.diedOn);
    const late = paidSince.filter((p) => p.period.length === 7 && p.period > diedMonth);
    if (late.length === 0) return null;
    const total = late.reduce((n, p) => n + p.amountFen, 0);
    return registerDraft(
      'paid_after_death',
      household,
      { id: death._id, label: `死亡登记：${death.nameMasked} ${death.idMasked}` },
      late.slice(0, 10),
      `户主已于${shanghaiDay(death.diedOn)}登记死亡，之后仍发放${late.length}笔共${formatYuan(total)}`,
    );
  },
} as const;
