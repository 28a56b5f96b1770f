/** A 高龄津贴 declaration, submitted and taken as far as the tests need it. */
import { uploaded, type World } from './world';

export async function submitGaoling(world: World, openid: string, userId: string): Promise<string> {
  const { declarationId } = await world.ok(
    'declaration',
    'submit',
    {
      code: 'GAOLING',
      answers: { livingWith: 'alone' },
      attachments: [uploaded(userId, 'idCard')],
    },
    openid,
  );
  return declarationId;
}

/** Approved by the village and the township: the item is now in its public notice. */
export async function throughTownship(world: World, declarationId: string): Promise<void> {
  for (const cadre of ['demo-cadre-village', 'demo-cadre-township']) {
    const { version } = await world.ok('approval', 'detail', { declarationId }, cadre);
    await world.ok('approval', 'review', { declarationId, version, outcome: 'approve' }, cadre);
  }
}
