import { chartGeometry, drawChart, type Painter } from '../../../miniprogram/pages/payments/chart';
import type { PaymentView } from '../../../typings/api';
import { residentLogin } from '../helpers/fixtures';
import { LAST_YEAR, mineAnswer, payment, statementOf, THIS_YEAR } from '../helpers/payment-fixtures';
import { type Rendered, render, settle, textOf } from '../helpers/render';
import { buttonLabels, find, tapButton } from '../helpers/steps';
import { type Answers, eventsOf, fail, mockActions, mockApi, ok } from '../helpers/wx-mocks';

const PAGE = 'pages/payments/index';

/** This year: 高龄津贴 in January and March, 耕地地力保护补贴 of 105.50元 in March. */
const thisYear = (): PaymentView[] => [
  payment(3, THIS_YEAR, 3, {
    projectCode: 'GENGDI',
    projectName: '耕地地力保护补贴',
    period: String(THIS_YEAR),
    periodText: `${THIS_YEAR}年度`,
    amountFen: 10550,
    cardKind: 'bank',
    cardTail: '5678',
    notice: `您家${THIS_YEAR}年度耕地地力保护补贴105.50元已发放至尾号5678的银行卡`,
    sourceText: '原发放平台',
  }),
  payment(2, THIS_YEAR, 3),
  payment(1, THIS_YEAR, 1),
];
const lastYear = (): PaymentView[] => [payment(9, LAST_YEAR, 12, { amountFen: 4999 })];

/** The cloud answering each year from its payments (the statement counts 耕地 in March). */
function residentCloud(answers: Answers = {}) {
  const byYear = (year: number) => (year === THIS_YEAR ? thisYear() : year === LAST_YEAR ? lastYear() : []);
  return mockActions({
    'user.login': ok(residentLogin()),
    'payment.mine': (event) => {
      const year = Number(event.year);
      const items = byYear(year).filter((p) => !event.projectCode || p.projectCode === event.projectCode);
      return ok(mineAnswer(year, items));
    },
    'payment.statement': (event) => {
      const year = Number(event.year);
      const s = statementOf(year, byYear(year));
      if (year === THIS_YEAR) {
        // 耕地's yearly period counts in March, when it arrived
        s.monthTotals = Array.from({ length: 12 }, (_, i) => (i === 0 ? 5000 : i === 2 ? 15550 : 0));
        const gengdi = s.projects.find((p) => p.projectCode === 'GENGDI')!;
        gengdi.months = Array.from({ length: 12 }, (_, i) => (i === 2 ? 10550 : 0));
      }
      return ok(s);
    },
    ...answers,
  });
}

const texts = (page: Rendered, selector: string): string[] => page.querySelectorAll(selector).map(textOf);

async function open(): Promise<Rendered> {
  const page = render(PAGE);
  await settle();
  return page;
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
});

describe('我家明白账', () => {
  test('opens on this year: its total, and the payments by month, newest first, with amounts in 元 to the fen', async () => {
    const cloud = residentCloud();
    const page = await open();
    expect(eventsOf(cloud, 'payment.statement')).toEqual([{ action: 'statement', year: THIS_YEAR }]);
    expect(eventsOf(cloud, 'payment.mine')).toEqual([
      { action: 'mine', year: THIS_YEAR, page: 1, pageSize: 20 },
    ]);
    expect(textOf(find(page, '.overview__total'))).toBe(`${THIS_YEAR}年共收到3笔，合计205.50元`);
    expect(texts(page, '.month__title')).toEqual([`${THIS_YEAR}年3月`, `${THIS_YEAR}年1月`]);
    expect(texts(page, '.month__total')).toEqual(['本月合计 155.50元', '本月合计 50.00元']);
    expect(texts(page, `.month--${THIS_YEAR}-03 .payment__amount`)).toEqual(['105.50元', '50.00元']);
    expect(texts(page, `.month--${THIS_YEAR}-01 .payment__name`)).toEqual(['高龄津贴']);
  });

  test('each payment says what it was for: project, period, the card it went to and the notice', async () => {
    residentCloud();
    const page = await open();
    const gengdi = (part: string) => textOf(find(page, `.payment--pay3 .payment__${part}`));
    expect(gengdi('name')).toBe('耕地地力保护补贴');
    expect(gengdi('period')).toBe(`${THIS_YEAR}年度 · 发至尾号5678的银行卡`);
    expect(gengdi('notice')).toBe(`您家${THIS_YEAR}年度耕地地力保护补贴105.50元已发放至尾号5678的银行卡`);
    expect(gengdi('time')).toBe(`${THIS_YEAR}-03-05 10:00 到账 · 原发放平台`);
  });

  test('the chart is described in words month by month', async () => {
    residentCloud();
    const page = await open();
    expect((page.data as { figures: { chartLabel: string } }).figures.chartLabel).toBe(
      `${THIS_YEAR}年每月发放金额：1月 50.00元，3月 155.50元`,
    );
  });

  test('the year switch offers the years with payments and this year, newest first', async () => {
    residentCloud();
    const page = await open();
    expect(buttonLabels(page, '.year')).toEqual([`${THIS_YEAR}年`, `${LAST_YEAR}年`]);
  });

  test('switching the year asks for that year’s statement and payments and shows them instead', async () => {
    const cloud = residentCloud();
    const page = await open();
    cloud.mockClear();
    await tapButton(page, `.year--${LAST_YEAR}`);
    expect(eventsOf(cloud, 'payment.statement')).toEqual([{ action: 'statement', year: LAST_YEAR }]);
    expect(eventsOf(cloud, 'payment.mine')).toEqual([
      { action: 'mine', year: LAST_YEAR, page: 1, pageSize: 20 },
    ]);
    expect(texts(page, '.month__title')).toEqual([`${LAST_YEAR}年12月`]);
    expect(texts(page, '.payment__amount')).toEqual(['49.99元']);
    expect(textOf(find(page, '.overview__total'))).toBe(`${LAST_YEAR}年共收到1笔，合计49.99元`);
  });

  test('choosing a project asks for its payments only and shows its own total', async () => {
    const cloud = residentCloud();
    const page = await open();
    await tapButton(page, '.filter-project--GENGDI');
    expect(eventsOf(cloud, 'payment.mine').at(-1)).toEqual({
      action: 'mine',
      year: THIS_YEAR,
      projectCode: 'GENGDI',
      page: 1,
      pageSize: 20,
    });
    expect(texts(page, '.payment__name')).toEqual(['耕地地力保护补贴']);
    expect(textOf(find(page, '.overview__total'))).toBe(`${THIS_YEAR}年共收到1笔，合计105.50元`);
    expect(texts(page, '.month__total')).toEqual(['本月合计 105.50元']);
  });

  test('加载更多 adds the next page, and a month split across pages stays one group', async () => {
    const all = Array.from({ length: 25 }, (_, i) => payment(i + 1, THIS_YEAR, i < 22 ? 3 : 2));
    const cloud = residentCloud({
      'payment.mine': (event) => {
        const p = Number(event.page);
        return ok(mineAnswer(THIS_YEAR, all.slice((p - 1) * 20, p * 20), { total: 25, page: p }));
      },
      'payment.statement': ok(statementOf(THIS_YEAR, all)),
    });
    const page = await open();
    expect(page.querySelectorAll('.payment')).toHaveLength(20);
    await tapButton(page, '.load-more');
    expect(eventsOf(cloud, 'payment.mine').map((e) => e.page)).toEqual([1, 2]);
    expect(page.querySelectorAll('.payment')).toHaveLength(25);
    expect(texts(page, '.month__title')).toEqual([`${THIS_YEAR}年3月`, `${THIS_YEAR}年2月`]);
    expect(page.querySelector('.load-more')).toBeUndefined();
  });

  test('an account not yet verified gets the server’s words and the way to 我的 to see its state', async () => {
    const message = '您的账号尚未完成实名核验，请联系村（社区）干部上门或到村便民服务点核验';
    residentCloud({
      'payment.mine': fail('FAILED_PRECONDITION', message),
      'payment.statement': fail('FAILED_PRECONDITION', message),
    });
    const switchTab = mockApi<{ url: string }>('switchTab');
    const page = await open();
    expect(textOf(find(page, '.unverified__message').querySelector('.t-empty__description'))).toBe(message);
    expect(page.querySelector('.payment')).toBeUndefined();
    expect(page.querySelector('.year')).toBeUndefined();
    await tapButton(page, '.unverified__mine');
    expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/mine/index' }));
  });

  test('a year without payments says so', async () => {
    residentCloud({
      'payment.mine': ok(mineAnswer(THIS_YEAR, [], { years: [THIS_YEAR] })),
      'payment.statement': ok(statementOf(THIS_YEAR, [])),
    });
    const page = await open();
    expect(textOf(find(page, '.overview__total'))).toBe(`${THIS_YEAR}年还没有收到补贴`);
    expect(textOf(find(page, '.empty').querySelector('.t-empty__description'))).toBe(
      `${THIS_YEAR}年没有补贴发放记录`,
    );
  });
});

describe('每月柱状图', () => {
  const box = { width: 336, height: 200, fontSize: 12 };
  const months = [0, 5000, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 1];

  test('twelve equal slots across the width, bars centred in them', () => {
    const { bars, labels } = chartGeometry(months, box);
    expect(bars).toHaveLength(12);
    // (336 - 2·8) / 12 = 26.67 per slot; a bar is 60% of it
    expect(bars[0]!.x).toBeCloseTo(8 + (26.6667 - 16) / 2, 3);
    expect(bars[0]!.width).toBeCloseTo(16, 3);
    expect(bars[11]!.x + bars[11]!.width).toBeCloseTo(336 - 8 - (26.6667 - 16) / 2, 3);
    expect(labels.map((l) => l.text)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
  });

  test('the largest month fills the room above the labels; others are in proportion', () => {
    const { bars, baseline } = chartGeometry(months, box);
    // labels take 12 · 1.6 = 19.2 px under the axis; the top keeps 12 px
    expect(baseline).toBeCloseTo(180.8, 5);
    expect(bars[2]!.height).toBeCloseTo(168.8, 5);
    expect(bars[2]!.y).toBeCloseTo(12, 5);
    expect(bars[1]!.height).toBeCloseTo(84.4, 5);
    expect(bars[1]!.y + bars[1]!.height).toBeCloseTo(baseline, 5);
  });

  test('a month without money has no bar; a tiny amount still shows', () => {
    const { bars } = chartGeometry(months, box);
    expect(bars[0]!.height).toBe(0);
    expect(bars[11]!.height).toBe(3);
  });

  test('a year without payments draws no bar at all', () => {
    const { bars } = chartGeometry(
      Array.from({ length: 12 }, () => 0),
      box,
    );
    expect(bars.every((b) => b.height === 0)).toBe(true);
  });

  test('drawing paints one rectangle per month with money, the axis and twelve labels', () => {
    const calls: string[] = [];
    const painter = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 0,
      font: '',
      textAlign: 'left',
      textBaseline: 'alphabetic',
      clearRect: () => calls.push('clear'),
      fillRect: () => calls.push('bar'),
      fillText: (text: string) => calls.push(`label ${text}`),
      beginPath: () => undefined,
      moveTo: () => undefined,
      lineTo: () => undefined,
      stroke: () => calls.push('axis'),
    } as unknown as Painter;
    drawChart(painter, chartGeometry(months, box), box, { bar: '#0052d9', axis: '#ccc', label: '#000' });
    expect(calls.filter((c) => c === 'bar')).toHaveLength(3);
    expect(calls.filter((c) => c.startsWith('label'))).toHaveLength(12);
    expect(calls[0]).toBe('clear');
    expect(calls).toContain('axis');
  });
});
