/**
 * The whole way of one subsidy, clicked through the mini program as people do, in the browser preview
 * against a fresh local cloud with the demo data: a resident registers, is verified, binds a card and
 * declares 高龄津贴; the village and township cadres approve; the notice period ends; the county
 * approves; finance makes the batch and imports the bank's results; the resident sees the payment and
 * its notice; a tip-off is filed and answered. The steps run in order and share the world.
 * Screenshots of the screens passed through go to screenshots/preview/flow-*.png.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { parseCsv, toCsv } from '../../cloudfunctions/_shared/ports/table-files';
import { checkCharacter } from '../../miniprogram/shared/idcard';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { MineResponse } from '../../typings/api';
import { CHROMIUM, launchChromium, openPhone, type Phone } from './helpers/phone';
import { type PreviewWorld, startPreviewWorld } from './helpers/world';

const RESIDENT = 'demo-resident';
const VILLAGE = 'demo-cadre-village';
const TOWNSHIP = 'demo-cadre-township';
const COUNTY = 'demo-cadre-county';
const FINANCE = 'demo-finance';
const SUPERVISOR = 'demo-supervisor';

/** 王德福, born 1941 in 通川区: old enough for 高龄津贴. */
const ID17 = '51170219410315123';
const ID_NUMBER = `${ID17}${checkCharacter(ID17)}`;
const NAME = '王德福';
/** A 1×1 PNG: the ID photo the resident picks. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A card number: the digits and their Luhn check digit. */
function withLuhn(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

// the screens step walks 22 screens; under the root jest config (30 s) it needs its own limit
jest.setTimeout(180_000);

let world: PreviewWorld;
let browser: Browser;
const phones: Phone[] = [];

async function phoneOf(openid: string, route?: string): Promise<Phone> {
  const phone = await openPhone(browser, world, openid, route);
  phones.push(phone);
  return phone;
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`没有找到 Chromium（${CHROMIUM}）：apt-get install chromium，或用 YKT_CHROMIUM 指定`);
  world = await startPreviewWorld();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const p of phones) await p.close().catch(() => undefined);
  await browser?.close();
  await world?.close();
});

/** The steps build on each other: after a failed one the rest only report that. */
let broken = '';
function step(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    if (broken) throw new Error(`skipped: the step "${broken}" failed`);
    try {
      await body();
    } catch (err) {
      broken = name;
      throw err;
    }
  });
}

afterEach(async () => {
  // whatever state a failed step left, keep a picture of it
  const last = phones[phones.length - 1];
  if (last && !last.page.isClosed()) await last.shot('flow-last').catch(() => undefined);
});

let declarationId = '';

step('a resident registers with their ID number and village', async () => {
  const me = await phoneOf(RESIDENT, 'pages/register/index');
  await me.field('field-name').fill(NAME);
  await me.field('field-id').fill(ID_NUMBER);
  await me.field('field-mobile').fill('13800001234');
  await me.tap('请选择县、乡镇和村');
  await me.tap('通川区');
  await me.tap(/^罗江镇/);
  await me.tap(/^密林村/);
  await me.sees('密林村');
  await me.shot('flow-01-register');
  await me.tap('提交注册');
  await me.sees('注册成功，待核验');
  await me.shot('flow-02-registered');
  await me.close();
});

step('the village cadre verifies them face to face', async () => {
  const cadre = await phoneOf(VILLAGE, 'package-staff/pages/verify/index');
  await cadre.tap(NAME);
  await cadre.field('seen-id').fill(ID_NUMBER);
  await cadre.shot('flow-03-verify');
  await cadre.tap('确认核验');
  await cadre.sees('已确认核验');
  await cadre.close();
});

step('the resident binds a card and declares 高龄津贴 with a photo of their ID', async () => {
  const me = await phoneOf(RESIDENT, 'pages/bind-card/index');
  await me.tap('社保卡');
  await me.tap('四川农信');
  await me.field('field-card').fill(withLuhn('621700000000000001'));
  await me.tap('绑定一卡通');
  await me.confirm();
  await me.sees('绑定成功');

  await me.open('pages/home/index');
  await me.tap('阳光申报');
  await me.tap('高龄津贴');
  await me.sees('谁可以申报');
  await me.shot('flow-04-notice');
  await me.tap('我要申报');
  await me.tap('独居');
  const chooser = me.page.waitForEvent('filechooser');
  await me.tap('拍照或选图片');
  await (await chooser).setFiles({ name: 'idcard.png', mimeType: 'image/png', buffer: PHOTO });
  await me.sees('idcard.png');
  await me.shot('flow-05-declaration-form');
  await me.tap('下一步：资格预审');
  await me.tap(/^确认/);
  await me.sees('查看申报进度');
  await me.shot('flow-06-declared');
  const list = await world.cloud.call<MineResponse>('declaration', { action: 'mine' }, RESIDENT);
  declarationId = list.ok ? (list.data.items[0]?.declarationId ?? '') : '';
  expect(declarationId).not.toBe('');
  await me.close();
});

async function approveAs(openid: string, shotName: string): Promise<void> {
  const cadre = await phoneOf(openid, 'package-staff/pages/queue/index');
  await cadre.tap(/王\*福/);
  await cadre.sees('高龄津贴');
  await cadre.shot(`${shotName}-review`);
  await cadre.tap('审核');
  await cadre.tap('通过');
  await cadre.tap('提交审核');
  await cadre.confirm();
  await cadre.sees(/^已通过/);
  await cadre.close();
}

step('the village and the township cadres approve it', async () => {
  await approveAs(VILLAGE, 'flow-07-village');
  await approveAs(TOWNSHIP, 'flow-08-township');
});

step('the notice period ends and the county approves', async () => {
  // Time moves on, as it does for people: the cloud's clock (and the pages', which follow it) jumps to
  // just after the 公示 ends, and the scheduler's next run moves the declaration on.
  const { data } = await world.cloud.database().collection('declarations').doc(declarationId).get();
  const endsAt = (data as Array<{ publicity: { endsAt: Date } | null }>)[0]?.publicity?.endsAt;
  if (!endsAt) throw new Error('the declaration is not in its notice period');
  world.cloud.setClock({ at: new Date(new Date(endsAt).getTime() + 60_000) });
  await world.cloud.trigger('scheduler');
  await approveAs(COUNTY, 'flow-09-county');
});

step('finance makes the batch, exports it and imports the bank’s results', async () => {
  const finance = await phoneOf(FINANCE, 'package-finance/pages/index/index');
  await finance.tap('高龄津贴');
  await finance.tap(/全辖区/);
  await finance.sees(/按月发放/);
  const period = shanghaiDay(world.cloud.now()).slice(0, 7);
  await finance.field('period').fill(period);
  await finance.shot('flow-10-finance');
  await finance.press('生成发放批次');
  await finance.confirm();
  await finance.press('查看批次');
  await finance.sees('导出 CSV');
  await finance.shot('flow-11-batch');

  const download = finance.page.waitForEvent('download');
  await finance.press('导出 CSV');
  const file = await (await download).path();
  const exportedTable = parseCsv(fs.readFileSync(file));
  const header = exportedTable[0] ?? [];
  const at = (name: string) => header.indexOf(name);
  const bank = [
    header,
    ...exportedTable.slice(1).map((row, i) => {
      const copy = [...row];
      copy[at('结果')] = '成功';
      copy[at('银行流水号')] = `E2E${String(i + 1).padStart(6, '0')}`;
      copy[at('失败原因')] = '';
      copy[at('入账日期')] = shanghaiDay(world.cloud.now());
      return copy;
    }),
  ];
  expect(bank.length).toBeGreaterThan(1);

  await finance.press('导入银行结果');
  const chooser = finance.page.waitForEvent('filechooser');
  await finance.press('从微信聊天中选择文件');
  await (await chooser).setFiles({ name: '银行回盘.csv', mimeType: 'text/csv', buffer: toCsv(bank) });
  await finance.sees('返回批次');
  await finance.shot('flow-12-imported');
  await finance.close();
});

step('the resident sees the payment and its notice', async () => {
  const me = await phoneOf(RESIDENT, 'pages/payments/index');
  await me.sees('您家');
  await me.sees(/高龄津贴50\.00元已发放至尾号0012/);
  await me.shot('flow-13-payments');
  await me.open('pages/notices/index');
  await me.sees('补贴到账：高龄津贴');
  await me.shot('flow-14-notices');
  await me.close();
});

const TIPOFF = '2026年11月村里发放高龄津贴时，有干部要求老人请吃饭才给办理，请核查。';
const CONCLUSION = '经核查，反映的情况属实，已责令退还并给予批评教育。';
const REPLY = '感谢您的监督：经核查情况属实，已严肃处理，欢迎继续监督。';

step('a tip-off is filed by name, and the supervisor accepts, closes and answers it', async () => {
  const me = await phoneOf(RESIDENT, 'pages/tipoff/index');
  await me.tap(/^作风问题/);
  await me.press('实名举报');
  await me.field('content').fill(TIPOFF);
  await me.shot('flow-15-tipoff');
  await me.press('提交举报');
  await me.confirm();
  await me.sees('举报已提交');
  await me.shot('flow-16-tipoff-sent');

  const supervisor = await phoneOf(SUPERVISOR, 'package-supervise/pages/tipoffs/index');
  await supervisor.tap(/有干部要求老人请吃饭/);
  await supervisor.sees(TIPOFF);
  await supervisor.press('受理');
  await supervisor.confirm();
  await supervisor.sees(/已受理/);
  await supervisor.press('办结');
  await supervisor.field('sheet-text').fill(CONCLUSION);
  await supervisor.press('确认办结');
  await supervisor.sees(CONCLUSION);
  await supervisor.press('答复举报人');
  await supervisor.field('sheet-text').fill(REPLY);
  await supervisor.press('确认答复');
  await supervisor.sees(REPLY);
  await supervisor.shot('flow-17-tipoff-answered');
  await supervisor.close();

  await me.open('pages/tipoff/track');
  await me.tap(/作风问题/);
  await me.sees(REPLY);
  await me.shot('flow-18-tipoff-reply');
  await me.close();
});

/** The main screens of each role, written in normal and elder mode to screenshots/preview/screens-*.png. */
const SCREENS: Array<{ name: string; openid: string; route: string; shows: string | RegExp }> = [
  { name: 'home', openid: 'demo-resident-luoyong', route: 'pages/home/index', shows: '我家明白账' },
  { name: 'payments', openid: 'demo-resident-luoyong', route: 'pages/payments/index', shows: /共收到/ },
  { name: 'declare', openid: 'demo-resident-luoyong', route: 'pages/declare/index', shows: '高龄津贴' },
  {
    name: 'declaration-form',
    openid: 'demo-resident-luoyong',
    route: 'pages/declare/form?code=GENGDI',
    shows: '申报材料',
  },
  { name: 'mine', openid: 'demo-resident-luoyong', route: 'pages/mine/index', shows: '我的消息' },
  { name: 'tipoff', openid: 'demo-resident-luoyong', route: 'pages/tipoff/index', shows: '举报内容' },
  { name: 'staff-tab', openid: VILLAGE, route: 'pages/approval/index', shows: '审批待办' },
  { name: 'staff-queue', openid: TOWNSHIP, route: 'package-staff/pages/queue/index', shows: /待办/ },
  { name: 'finance', openid: FINANCE, route: 'package-finance/pages/index/index', shows: '生成发放批次' },
  { name: 'supervise-tab', openid: SUPERVISOR, route: 'pages/supervise/index', shows: '工作台' },
  {
    name: 'supervise-dashboard',
    openid: SUPERVISOR,
    route: 'package-supervise/pages/index/index',
    shows: '分项目发放',
  },
];

test('the main screens of every role, in normal and elder mode', async () => {
  for (const elder of ['0', '1']) {
    for (const screen of SCREENS) {
      const phone = await openPhone(browser, world, screen.openid, screen.route, { elder });
      await phone.sees(screen.shows);
      await phone.shot(`screens-${screen.name}${elder === '1' ? '-elder' : ''}`);
      expect(phone.errors).toEqual([]);
      await phone.close();
    }
  }
});
