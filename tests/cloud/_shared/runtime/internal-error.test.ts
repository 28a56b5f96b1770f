import { generateDataKey } from '../../../../cloudfunctions/_shared/runtime/crypto';
import { connectLocal, seedDemo } from '../../../../tools/seed';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';
import { testIdNumber } from '../../../helpers/world';

// Functions started without YKT_DATA_KEY must refuse to store personal data.
let cloud: TestCloud;
beforeAll(async () => {
  process.env.YKT_DATA_KEY = generateDataKey();
  cloud = await startTestCloud({ functionEnv: { YKT_DATA_KEY: '' } });
  await seedDemo(connectLocal(cloud.url));
});
afterAll(() => cloud.close());

test('an unexpected failure is answered INTERNAL with a request id and no internals', async () => {
  const res = await cloud.call(
    'user',
    {
      action: 'register',
      name: '郑国强',
      idNumber: testIdNumber(1, '19700101'),
      mobile: '13812345678',
      villageCode: '511702001001',
      household: { mode: 'head' },
    },
    'openid-no-key',
  );
  expect(res).toEqual({
    ok: false,
    code: 'INTERNAL',
    message: '系统繁忙，请稍后再试',
    requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  expect(JSON.stringify(res)).not.toMatch(/YKT_DATA_KEY|Error|at \//);
});
