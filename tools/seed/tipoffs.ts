/**
 * Demo tip-offs, so the supervisor's screens have work on them: a named one from 罗勇 being looked into,
 * an anonymous one nobody accepted in time (overdue), and an anonymous one answered and waiting for its
 * rating — follow it with 查询码 JBDEMQ222224 and 密钥 demo-secret-2026. Fixed codes: seeding twice changes nothing.
 */
import { insertNew } from '../../cloudfunctions/_shared/db/bulk';
import type { Database } from '../../cloudfunctions/_shared/db/database';
import { readCalendar } from '../../cloudfunctions/_shared/domain/holiday-calendar';
import { newTipoff, TIPOFFS, type TipoffDoc } from '../../cloudfunctions/_shared/domain/tipoffs';
import { HONGHUA, MILIN } from './demo-data';

export const DEMO_TIPOFF_SECRET = 'demo-secret-2026';
const DAY = 86_400_000;

export async function seedTipoffs(db: Database, at: Date): Promise<number> {
  const days = (n: number) => new Date(at.getTime() - n * DAY);
  // Seeded just before, with whatever admins entered for later years.
  const calendar = await readCalendar(db, at);
  const named = newTipoff({
    code: 'JBDEMQ222223',
    kind: 'payment',
    anonymous: false,
    reporterUserId: 'u-demo-resident-luoyong',
    secret: null,
    regionCode: MILIN,
    projectCode: 'YIMIN',
    declarationId: null,
    accused: [],
    accusedText: null,
    content: '我家的移民后期扶持资金今年有两个月到账比往年少，想请核实是不是少发了。',
    attachments: [],
    calendar,
    now: days(5),
  });
  const accepted: TipoffDoc = {
    ...named,
    status: 'accepted',
    dueAt: null,
    dueProvisional: null,
    events: [
      ...named.events,
      { event: 'accepted', at: days(3), unit: '通川区纪委监委', actorId: 'u-demo-supervisor', text: null },
    ],
    version: 2,
  };
  const overdue = newTipoff({
    code: 'JBDEMQ222225',
    kind: 'conduct',
    anonymous: true,
    reporterUserId: null,
    secret: DEMO_TIPOFF_SECRET,
    regionCode: HONGHUA,
    projectCode: null,
    declarationId: null,
    accused: [],
    accusedText: { nameMasked: '某*', unit: '红花村某干部' },
    content: '村里办低保要先请客送礼，不送就一直拖着不报上去。',
    attachments: [],
    calendar,
    now: days(30),
  });
  const answered = newTipoff({
    code: 'JBDEMQ222224',
    kind: 'publicity',
    anonymous: true,
    reporterUserId: null,
    secret: DEMO_TIPOFF_SECRET,
    regionCode: MILIN,
    projectCode: 'GAOLING',
    declarationId: null,
    accused: [],
    accusedText: null,
    content: '公示名单上有一位老人已经去世半年了，还在领高龄津贴。',
    attachments: [],
    calendar,
    now: days(40),
  });
  const replied: TipoffDoc = {
    ...answered,
    status: 'replied',
    dueAt: null,
    dueProvisional: null,
    conclusion: '经核查属实，已停发并追回多发的6个月津贴，对村干部进行了提醒谈话。',
    reply: '您反映的问题属实，已停发并追回多发资金，感谢您的监督。',
    events: [
      ...answered.events,
      { event: 'accepted', at: days(38), unit: '通川区纪委监委', actorId: 'u-demo-supervisor', text: null },
      {
        event: 'closed',
        at: days(20),
        unit: '通川区纪委监委',
        actorId: 'u-demo-supervisor',
        text: '经核查属实，已停发并追回。',
      },
      {
        event: 'replied',
        at: days(18),
        unit: '通川区纪委监委',
        actorId: 'u-demo-supervisor',
        text: '您反映的问题属实，已停发并追回多发资金，感谢您的监督。',
      },
    ],
    version: 4,
  };
  const inserted = await insertNew(db, TIPOFFS, [accepted, overdue, replied]);
  return inserted.size;
}
