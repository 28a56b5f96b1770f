/**
 * 监督工作台: the figures of the supervisor's region for a year — users, declarations, approvals, payments
 * per project (with a bar chart), tip-offs and open alerts — and the same for each region one level down.
 * Tapping a region shows its figures (the path above leads back up); 导出Excel hands over the spreadsheet.
 * Users, declarations and payments come from the scheduler's rollup (the time is shown); 重新统计 counts
 * the region again now.
 * Below, the entries to the other screens with what waits there.
 */
import type { DashboardResponse } from '../../../../typings/api';
import { paintCanvas } from '../../../behaviors/canvas';
import { elderMode } from '../../../behaviors/elder-mode';
import { handExport } from '../../../services/export-file';
import { dashboard } from '../../../services/supervision';
import { errorMessage, showError } from '../../../services/toast';
import { shanghaiYear } from '../../../shared/time';
import type { TapEvent } from '../../../types/events';
import { HANDED_TOASTS } from '../../handed';
import { type ChartRow, chartGeometry, chartHeight, drawChart } from './chart';
import { type BoardView, boardView, type Crumb, chartRows, crumbsAfter, yearOptions } from './view';

/** Chart text in CSS pixels, normal and elder mode. */
const TEXT_SIZE = { normal: 12, elder: 16 };
const COLOURS = {
  normal: { track: '#f3f3f3', bar: '#0052d9', label: 'rgba(0, 0, 0, 0.9)', value: 'rgba(0, 0, 0, 0.6)' },
  elder: { track: '#e7e7e7', bar: '#003cab', label: '#000000', value: '#000000' },
};

interface Entry {
  key: string;
  title: string;
  description: string;
  url: string;
  /** what waits there, e.g. 超期3件; '' when nothing or not yet known */
  note: string;
}

const ENTRIES: Entry[] = [
  {
    key: 'tipoffs',
    title: '举报件',
    description: '受理、办结、答复和转办本辖区的举报投诉',
    url: '/package-supervise/pages/tipoffs/index',
    note: '',
  },
  {
    key: 'overdue',
    title: '超期督办',
    description: '超过办理期限的申报和举报，按责任单位列出，记录约谈',
    url: '/package-supervise/pages/overdue/index',
    note: '',
  },
  {
    key: 'alerts',
    title: '存疑数据',
    description: '一人多户、一卡多户、超标准发放等风险提示的核查',
    url: '/package-supervise/pages/alerts/index',
    note: '',
  },
  {
    key: 'audit',
    title: '审计核验',
    description: '核验审计日志的哈希链是否完整',
    url: '/package-supervise/pages/audit/index',
    note: '',
  },
];

function entriesWith(answer: DashboardResponse): Entry[] {
  const notes: Record<string, string> = {
    tipoffs: answer.figures.tipoffsOverdue ? `超期${answer.figures.tipoffsOverdue}件` : '',
    overdue: answer.figures.tipoffsOverdue ? `举报超期${answer.figures.tipoffsOverdue}件` : '',
    alerts: answer.figures.alertsOpen ? `待核查${answer.figures.alertsOpen}条` : '',
  };
  return ENTRIES.map((e) => ({ ...e, note: notes[e.key] ?? '' }));
}

Component({
  behaviors: [elderMode],
  data: {
    year: shanghaiYear(new Date()),
    years: yearOptions(shanghaiYear(new Date())),
    /** the regions from the supervisor's own down to the one shown */
    crumbs: [] as Crumb[],
    board: null as BoardView | null,
    rows: [] as ChartRow[],
    chartHeight: 0,
    loading: false,
    failure: '',
    exporting: false,
    recounting: false,
    entries: ENTRIES,
    /** the latest load: an answer to an older one (the region or year changed meanwhile) is dropped */
    query: 0,
  },
  observers: {
    elder() {
      this.sizeChart();
    },
  },
  lifetimes: {
    attached() {
      this.load([], this.data.year);
    },
  },
  methods: {
    /** The figures of the last region of `crumbs` (the supervisor's own when empty) for `year`. */
    async load(crumbs: Crumb[], year: number, refresh = false) {
      const query = this.data.query + 1;
      // the path asked for shows at once, so 重试 and 返回上级 act on it even if the answer fails
      this.setData({ query, loading: true, failure: '', year, crumbs });
      const target = crumbs[crumbs.length - 1];
      try {
        const answer = await dashboard({
          year,
          ...(target ? { regionCode: target.code } : {}),
          ...(refresh ? { refresh: true } : {}),
        });
        if (query !== this.data.query) return;
        const shown = crumbsAfter(crumbs, answer);
        this.setData({ board: boardView(answer), rows: chartRows(answer), crumbs: shown });
        if (shown.length === 1) this.setData({ entries: entriesWith(answer) });
        this.sizeChart();
      } catch (error) {
        if (query !== this.data.query) return;
        this.setData({ board: null, failure: errorMessage(error) });
      } finally {
        if (query === this.data.query) this.setData({ loading: false });
      }
    },
    reload() {
      return this.load(this.data.crumbs, this.data.year);
    },
    onRetry() {
      this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onYearTap(event: TapEvent<{ value: number }>) {
      const year = Number(event.currentTarget.dataset.value);
      if (year !== this.data.year) this.load(this.data.crumbs, year);
    },
    /** A region of the breakdown: its own figures, one level further down. */
    onDrill(event: TapEvent<{ code: string; name: string }>) {
      const { code, name } = event.currentTarget.dataset;
      this.load([...this.data.crumbs, { code, name }], this.data.year);
    },
    /** A region on the path: back up to it. */
    onCrumbTap(event: TapEvent<{ index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      if (index < this.data.crumbs.length - 1)
        this.load(this.data.crumbs.slice(0, index + 1), this.data.year);
    },
    onUp() {
      if (this.data.crumbs.length > 1) this.load(this.data.crumbs.slice(0, -1), this.data.year);
    },
    /** Counts the region's users, declarations and payments again now (it may take a few seconds). */
    async onRecount() {
      if (this.data.recounting || this.data.loading) return;
      this.setData({ recounting: true });
      try {
        await this.load(this.data.crumbs, this.data.year, true);
      } finally {
        this.setData({ recounting: false });
      }
    },
    async onExport() {
      const { board, year, exporting } = this.data;
      if (!board || exporting) return;
      this.setData({ exporting: true });
      try {
        const answer = await dashboard({ regionCode: board.regionCode, year, export: true });
        const handed = answer.file ? await handExport(answer.file) : 'failed';
        if (HANDED_TOASTS[handed])
          wx.showToast({ title: HANDED_TOASTS[handed], icon: 'none', duration: 3500 });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ exporting: false });
      }
    },
    /** The canvas gets the height its rows need, then is painted. */
    sizeChart() {
      const size = this.data.elder ? TEXT_SIZE.elder : TEXT_SIZE.normal;
      this.setData({ chartHeight: chartHeight(this.data.rows.length, size) }, () => this.paintChart());
    },
    /** Where there is no canvas (an old base library, tests) the projects in words remain. */
    paintChart() {
      const { rows, elder } = this.data;
      if (rows.length === 0) return;
      paintCanvas(this, '#chart', (painter, { width }) => {
        const box = { width, fontSize: elder ? TEXT_SIZE.elder : TEXT_SIZE.normal };
        drawChart(painter, chartGeometry(rows, box), box, elder ? COLOURS.elder : COLOURS.normal);
      });
    },
  },
});
