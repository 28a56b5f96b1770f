/**
 * 超期督办: the approvals and tip-offs past their deadline, grouped by the unit responsible (how many, the
 * longest, the items on tapping the unit), and the 约谈 held with units' heads — recorded here per unit
 * and followed up when the unit has put things right.
 */
import { elderMode } from '../../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData } from '../../../behaviors/paged-list';
import { interviews, overdue } from '../../../services/supervision';
import { errorMessage, showError } from '../../../services/toast';
import { shanghaiDateTime, shanghaiDay } from '../../../shared/time';
import type { TapEvent } from '../../../types/events';
import {
  followUpProblem,
  heldAtOf,
  type InterviewForm,
  type InterviewRow,
  interviewProblem,
  interviewRow,
  type UnitRow,
  unitRow,
} from './view';

const PAGE_SIZE = 20;

const today = (): string => shanghaiDay(new Date());

Component({
  behaviors: [elderMode],
  data: {
    units: [] as UnitRow[],
    unitsTotal: 0,
    asOf: '',
    unitsLoaded: false,
    unitsFailure: '',
    /** units whose items are shown, by unit key */
    expanded: {} as Record<string, boolean>,
    /** 约谈 records, paged */
    ...pagedData<InterviewRow>(),
    sheet: '' as 'record' | 'followUp' | '',
    /** the unit a 约谈 is recorded for */
    target: null as UnitRow | null,
    /** the 约谈 a follow-up is noted on */
    interviewId: '',
    form: { headName: '', reason: '', day: today() } as InterviewForm,
    today: today(),
    followUp: '',
    problem: '',
    sending: false,
  },
  lifetimes: {
    attached() {
      this.loadUnits();
      this.loadPage(1);
    },
  },
  methods: {
    async loadUnits() {
      this.setData({ unitsFailure: '' });
      try {
        const answer = await overdue();
        this.setData({
          units: answer.units.map(unitRow),
          unitsTotal: answer.total,
          asOf: `统计于 ${shanghaiDateTime(answer.asOf)}`,
          unitsLoaded: true,
        });
      } catch (error) {
        this.setData({ unitsFailure: errorMessage(error) });
      }
    },
    /** 约谈 records: page 1 replaces them, later pages add to them. */
    loadPage(page: number) {
      return loadPaged(this as unknown as PagedHost<InterviewRow>, page, async () => {
        const answer = await interviews({ op: 'list', page, pageSize: PAGE_SIZE });
        return { rows: answer.items.map(interviewRow), total: answer.total };
      });
    },
    async onPullDownRefresh() {
      await Promise.all([this.loadUnits(), this.loadPage(1)]);
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (this.data.hasMore) this.loadPage(this.data.page + 1);
    },
    onLoadMore() {
      this.onReachBottom();
    },
    onRetryUnits() {
      this.setData({ unitsLoaded: false });
      this.loadUnits();
    },
    onRetryInterviews() {
      this.loadPage(1);
    },
    onToggleUnit(event: TapEvent<{ key: string }>) {
      const { key } = event.currentTarget.dataset;
      this.setData({ expanded: { ...this.data.expanded, [key]: !this.data.expanded[key] } });
    },
    onOpenTipoff(event: TapEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      if (id) wx.navigateTo({ url: `/package-supervise/pages/tipoff/index?id=${id}` });
    },
    onRecordTap(event: TapEvent<{ key: string }>) {
      const target = this.data.units.find((u) => u.key === event.currentTarget.dataset.key) ?? null;
      if (!target) return;
      this.setData({
        sheet: 'record',
        target,
        form: { headName: '', reason: '', day: today() },
        today: today(),
        problem: '',
      });
    },
    onFollowUpTap(event: TapEvent<{ id: string }>) {
      this.setData({
        sheet: 'followUp',
        interviewId: event.currentTarget.dataset.id,
        followUp: '',
        problem: '',
      });
    },
    onCloseSheet() {
      if (!this.data.sending) this.setData({ sheet: '' });
    },
    onSheetVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onCloseSheet();
    },
    onHeadInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ form: { ...this.data.form, headName: event.detail.value }, problem: '' });
    },
    onReasonInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ form: { ...this.data.form, reason: event.detail.value }, problem: '' });
    },
    onDayChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ form: { ...this.data.form, day: event.detail.value }, problem: '' });
    },
    onFollowUpInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ followUp: event.detail.value, problem: '' });
    },
    async onRecord() {
      const { target, form, sending } = this.data;
      if (!target || sending) return;
      const problem = interviewProblem(form);
      if (problem) {
        this.setData({ problem });
        return;
      }
      await this.send('已记录约谈', () =>
        interviews({
          op: 'record',
          unitKey: target.key,
          unit: target.unit,
          regionCode: target.regionCode,
          headName: form.headName.trim(),
          reason: form.reason.trim(),
          heldAt: heldAtOf(form.day),
        }),
      );
    },
    async onSendFollowUp() {
      const { interviewId, followUp, sending } = this.data;
      if (!interviewId || sending) return;
      const problem = followUpProblem(followUp);
      if (problem) {
        this.setData({ problem });
        return;
      }
      await this.send('已记录跟进情况', () =>
        interviews({ op: 'followUp', interviewId, followUp: followUp.trim() }),
      );
    },
    /** Sends the sheet; after the cloud answers, the records are read again. */
    async send(done: string, call: () => Promise<unknown>) {
      this.setData({ sending: true });
      try {
        await call();
        this.setData({ sending: false, sheet: '' });
        wx.showToast({ title: done, icon: 'none', duration: 2500 });
        await this.loadPage(1);
      } catch (error) {
        this.setData({ sending: false });
        showError(error);
      }
    },
  },
});
