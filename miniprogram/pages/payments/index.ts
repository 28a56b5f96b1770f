/**
 * 补贴查询（我家明白账）: every payment the household received in a year, by month, with what it was for
 * and the card it went to; the year's total and a bar chart per month. Verified residents only: the
 * cloud answers FAILED_PRECONDITION to anyone else, and the page says how to get verified.
 */
import type { PaymentStatementResponse } from '../../../typings/api';
import { paintCanvas } from '../../behaviors/canvas';
import { elderMode } from '../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData } from '../../behaviors/paged-list';
import { ApiError } from '../../services/api-error';
import { mine, statement } from '../../services/payment';
import { errorMessage } from '../../services/toast';
import { shanghaiYear } from '../../shared/time';
import type { TapEvent } from '../../types/events';
import type { Option } from '../../types/option';
import { chartGeometry, drawChart } from './chart';
import {
  groupByMonth,
  type MonthGroup,
  type PaymentRow,
  paymentRow,
  type YearFigures,
  yearFigures,
  yearOptions,
} from './view';

const PAGE_SIZE = 20;

/** Chart labels in CSS pixels, normal and elder mode. */
const LABEL_SIZE = { normal: 12, elder: 16 };
const COLOURS = {
  normal: { bar: '#0052d9', axis: '#dcdcdc', label: 'rgba(0, 0, 0, 0.6)' },
  elder: { bar: '#003cab', axis: '#8b8b8b', label: '#000000' },
};

Component({
  behaviors: [elderMode],
  data: {
    year: shanghaiYear(new Date()),
    years: [shanghaiYear(new Date())],
    projectCode: '',
    projects: [] as Option[],
    /** the year's statement, from which the figures of all projects or one are derived */
    statement: null as PaymentStatementResponse | null,
    figures: null as YearFigures | null,
    groups: [] as MonthGroup[],
    /** the server's message when the account is not verified */
    unverified: '',
    /** why the year's figures cannot be shown */
    figuresFailure: '',
    ...pagedData<PaymentRow>(),
  },
  observers: {
    // `items.**`: a later page arrives as `items[20]`, `items[21]`, … which a plain 'items' does not see.
    'items.**, figures'(items: PaymentRow[], figures: YearFigures | null) {
      this.setData({ groups: groupByMonth(items, this.data.year, figures?.months ?? []) });
    },
    'figures, elder'() {
      this.paintChart();
    },
  },
  lifetimes: {
    attached() {
      this.loadYear(this.data.year);
    },
  },
  methods: {
    /** The statement and the first page of a year; the project filter starts again at 全部. */
    async loadYear(year: number) {
      this.setData({
        year,
        projectCode: '',
        projects: [],
        statement: null,
        figures: null,
        figuresFailure: '',
      });
      await Promise.all([this.loadStatement(year), this.loadPage(1)]);
    },
    async loadStatement(year: number) {
      try {
        const answer = await statement(year);
        if (year !== this.data.year) return;
        this.setData({
          statement: answer,
          projects: answer.projects.map((p) => ({ value: p.projectCode, label: p.projectName })),
          figures: yearFigures(answer, this.data.projectCode),
        });
      } catch (error) {
        if (year !== this.data.year) return;
        this.noteUnverified(error);
        this.setData({ figuresFailure: errorMessage(error) });
      }
    },
    /** Page 1 replaces the list; later pages add to it. */
    loadPage(page: number) {
      const { year, projectCode } = this.data;
      return loadPaged(this as unknown as PagedHost<PaymentRow>, page, async () => {
        const request = { year, page, pageSize: PAGE_SIZE, ...(projectCode ? { projectCode } : {}) };
        const answer = await mine(request).catch((error: unknown) => {
          this.noteUnverified(error);
          throw error;
        });
        this.setData({ years: yearOptions(answer.years, shanghaiYear(new Date())) });
        return { rows: answer.items.map(paymentRow), total: answer.total };
      });
    },
    /** Not verified: the server's words (how to get verified) take the place of the whole page. */
    noteUnverified(error: unknown) {
      if (error instanceof ApiError && error.code === 'FAILED_PRECONDITION') {
        this.setData({ unverified: error.message });
      }
    },
    /** Draws the chart on the canvas; where there is no canvas (an old base library, tests) the figures in words remain. */
    paintChart() {
      const { figures, elder } = this.data;
      if (!figures) return;
      paintCanvas(this, '#chart', (painter, size) => {
        const box = { ...size, fontSize: elder ? LABEL_SIZE.elder : LABEL_SIZE.normal };
        drawChart(painter, chartGeometry(figures.months, box), box, elder ? COLOURS.elder : COLOURS.normal);
      });
    },
    onYearTap(event: TapEvent<{ value: number }>) {
      const year = Number(event.currentTarget.dataset.value);
      if (year !== this.data.year) this.loadYear(year);
    },
    onProjectTap(event: TapEvent<{ value: string }>) {
      const projectCode = event.currentTarget.dataset.value;
      const shown = this.data.statement;
      this.setData({ projectCode, figures: shown ? yearFigures(shown, projectCode) : null });
      this.loadPage(1);
    },
    async onPullDownRefresh() {
      await this.loadYear(this.data.year);
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (this.data.hasMore) this.loadPage(this.data.page + 1);
    },
    onLoadMore() {
      this.onReachBottom();
    },
    onOpenMine() {
      wx.switchTab({ url: '/pages/mine/index' });
    },
  },
});
