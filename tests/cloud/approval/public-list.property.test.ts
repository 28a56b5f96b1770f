import fc from 'fast-check';
import type { DeclarationDoc } from '../../../cloudfunctions/_shared/domain/declarations';
import { toPublicItem } from '../../../cloudfunctions/publicity/list';
import { checkCharacter } from '../../../miniprogram/shared/idcard';
import { maskIdNumber, maskName } from '../../../miniprogram/shared/mask';

const idNumber = fc
  .tuple(
    fc.constantFrom('511702', '511703', '110105'),
    fc.date({ min: new Date('1920-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([region, birth, seq]) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  });
const cardNumber = fc.stringMatching(/^62\d{14,17}$/);
const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
const name = fc.constantFrom('张三', '李秀英', '欧阳明月', '阿依古丽·买买提', '王');

/** A stored declaration carrying a person's full numbers in every field that could hold them. */
const declaration = fc
  .record({ id: idNumber, card: cardNumber, phone: mobile, name })
  .map(({ id, card, phone, name: n }) => {
    const d = {
      _id: 'd1',
      projectCode: 'GAOLING',
      projectName: '高龄津贴',
      period: '2026',
      householdId: 'h1',
      villageCode: '511702001001',
      applicant: {
        memberId: 'm1',
        userId: 'u1',
        nameMasked: maskName(n),
        idMasked: maskIdNumber(id),
        birthDate: '1940-01-01',
      },
      submittedBy: 'u1',
      proxy: null,
      answers: { note: `${id} ${card} ${phone}` },
      attachments: [],
      rules: [{ id: 'r', text: '', mandatory: true, passed: true, reason: id }],
      valid: true,
      status: 'publicity',
      chain: [],
      stageIndex: 0,
      stageLevel: null,
      dueAt: new Date('2026-12-01T00:00:00Z'),
      overdueSince: null,
      publicity: {
        villageCode: '511702001001',
        startsAt: new Date('2026-11-24T00:00:00Z'),
        endsAt: new Date('2026-12-01T00:00:00Z'),
      },
      timeline: [],
      revisions: [],
      lockId: null,
      version: 1,
      submittedAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-24T00:00:00Z'),
    } as DeclarationDoc;
    return {
      d,
      secrets: [id, card, phone, n.length > 1 ? n : null, maskIdNumber(id)].filter(
        (s): s is string => s !== null,
      ),
    };
  });

test('a line of a public list never carries an ID, card or phone number, nor the full name', () => {
  fc.assert(
    fc.property(declaration, ({ d, secrets }) => {
      const line = JSON.stringify(
        toPublicItem(
          d,
          '密林村',
          { amountFen: 5000, text: '每人每月50元' },
          new Date('2026-11-25T00:00:00Z'),
        ),
      );
      for (const secret of secrets) expect(line).not.toContain(secret);
    }),
    { numRuns: 300 },
  );
});
