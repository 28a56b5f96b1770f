/**
 * 节假日安排: the official holiday calendar that working-day deadlines count with. An admin sees the years
 * held and the years missing, opens a year's days, and enters or replaces a year from the State Council's
 * notice: typed or pasted as lines, checked on the phone, reviewed as a table, then imported with the
 * version last read. The text stays on the phone until the server confirms it.
 */
import type { CalendarDay, CalendarResponse, CalendarYearSummary } from '../../../../typings/api';
import { elderMode } from '../../../behaviors/elder-mode';
import { holidayCalendar, importCalendar } from '../../../services/admin';
import { ApiError } from '../../../services/api-error';
import { errorMessage, showError } from '../../../services/toast';
import { shanghaiDay } from '../../../shared/time';
import type { TapEvent } from '../../../types/events';
import { calendarDraft } from './draft';
import { formatCalendarText, parseCalendarText } from './parse';
import {
  counts,
  type DayGroup,
  dayGroups,
  defaultEditYear,
  heldText,
  isRecentYear,
  type MissingNotice,
  missingNotices,
  type YearRow,
  yearOptions,
  yearRow,
} from './view';

type Mode = 'list' | 'edit' | 'review';

const thisYear = (): number => Number(shanghaiDay(new Date()).slice(0, 4));

Component({
  behaviors: [elderMode],
  data: {
    mode: 'list' as Mode,
    loading: true,
    /** why the screen cannot be shown (e.g. FORBIDDEN for someone not an admin) */
    failure: '',
    /** the years listed: last year on, and the earlier ones after 显示更早的年份 */
    listed: [] as YearRow[],
    olderYears: [] as YearRow[],
    showOlder: false,
    missing: [] as MissingNotice[],
    /** the year whose days are shown below the list */
    shownYear: null as number | null,
    shownGroups: [] as DayGroup[],
    shownLoading: false,

    /** 录入/修改: the year picked, its version as last read, and the text typed */
    pickerYears: [] as number[],
    pickerLabels: [] as string[],
    pickerIndex: 0,
    editYear: 0,
    editVersion: 0,
    editHeld: '',
    /** the version is being read: nothing can be imported before it is known */
    editLoading: false,
    editFailure: '',
    text: '',
    /** the text as it was filled in from what is held, to tell it from the admin's own typing */
    prefilled: '',
    draftRestored: false,
    problems: [] as string[],
    reviewDays: [] as CalendarDay[],
    reviewGroups: [] as DayGroup[],
    /** 2027年共 18 天 */
    reviewTotal: '',
    reviewCounts: [] as string[],
    /** the server's refusal of the import */
    serverProblem: '',
    sending: false,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    /** The years held and missing, and the days of `year` (this year when absent). */
    async load(year?: number) {
      this.setData({ loading: true, failure: '' });
      try {
        this.show(await holidayCalendar(year));
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      } finally {
        this.setData({ loading: false });
      }
    },
    show(answer: CalendarResponse) {
      const pickerYears = yearOptions(thisYear());
      const rows = answer.years.map(yearRow);
      const olderYears = rows.filter((r) => !isRecentYear(r.year, thisYear()));
      this.setData({
        listed: this.data.showOlder ? rows : rows.filter((r) => isRecentYear(r.year, thisYear())),
        olderYears,
        missing: missingNotices(answer.missingYears, answer.alerts, shanghaiDay(new Date())),
        shownYear: answer.year?.year ?? null,
        shownGroups: answer.year ? dayGroups(answer.year.days) : [],
        pickerYears,
        pickerLabels: pickerYears.map((y) => `${y}年`),
      });
    },
    async onYearTap(event: TapEvent<{ year: number }>) {
      const year = Number(event.currentTarget.dataset.year);
      this.setData({ shownYear: year, shownGroups: [], shownLoading: true });
      try {
        const answer = await holidayCalendar(year);
        if (this.data.shownYear === year) this.show(answer);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ shownLoading: false });
      }
    },
    onShowOlder() {
      this.setData({ showOlder: true, listed: [...this.data.listed, ...this.data.olderYears] });
    },
    async onPullDownRefresh() {
      await this.load(this.data.shownYear ?? undefined);
      wx.stopPullDownRefresh();
    },

    onOpenEditor(event: TapEvent<{ year?: number }>) {
      const asked = Number(event.currentTarget.dataset.year);
      const year = asked || defaultEditYear(this.data.missing, this.data.shownYear, thisYear());
      this.setData({ mode: 'edit' });
      this.pickYear(year);
    },
    onYearPick(event: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const year = this.data.pickerYears[Number(event.detail.value)];
      if (year && year !== this.data.editYear) this.pickYear(year);
    },
    /**
     * Starts on a year: its kept draft, else what is held (so 修改 starts from it), else an empty box;
     * and reads its version, which the import must carry.
     */
    async pickYear(year: number) {
      const draft = calendarDraft(year).load();
      this.setData({
        editYear: year,
        pickerIndex: this.data.pickerYears.indexOf(year),
        text: draft?.text ?? '',
        prefilled: '',
        draftRestored: draft !== null,
        problems: [],
        serverProblem: '',
        editHeld: '',
        editFailure: '',
      });
      await this.readVersion(year);
    },
    async readVersion(year: number) {
      this.setData({ editLoading: true, editFailure: '' });
      try {
        const answer = await holidayCalendar(year);
        if (this.data.editYear !== year) return;
        const held: CalendarYearSummary | null = answer.year;
        const fill = !this.data.text.trim() && answer.year ? formatCalendarText(answer.year.days) : null;
        this.setData({
          editVersion: held?.version ?? 0,
          editHeld: heldText(year, held),
          ...(fill === null ? {} : { text: fill, prefilled: fill }),
        });
      } catch (error) {
        if (this.data.editYear === year) this.setData({ editFailure: errorMessage(error) });
      } finally {
        if (this.data.editYear === year) this.setData({ editLoading: false });
      }
    },
    onTextInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const text = event.detail.value;
      this.setData({ text, problems: [] });
      // what was filled in from the server is not a draft until it is changed
      if (text !== this.data.prefilled) calendarDraft(this.data.editYear).save({ text });
    },
    onCheck() {
      const { editYear, text } = this.data;
      const parsed = parseCalendarText(editYear, text);
      if (parsed.problems.length) {
        this.setData({ problems: parsed.problems });
        return;
      }
      this.setData({
        mode: 'review',
        problems: [],
        serverProblem: '',
        reviewDays: parsed.days,
        reviewGroups: dayGroups(parsed.days),
        reviewTotal: `${editYear}年共 ${parsed.days.length} 天：`,
        reviewCounts: counts(parsed.days),
      });
      wx.pageScrollTo?.({ scrollTop: 0, duration: 0 });
    },
    onBackToEdit() {
      if (!this.data.sending) this.setData({ mode: 'edit' });
    },
    onBackToList() {
      this.setData({ mode: 'list', problems: [], serverProblem: '' });
    },
    async onImport() {
      const { editYear: year, editVersion: version, reviewDays: rows, sending, editLoading } = this.data;
      if (sending || editLoading || this.data.editFailure) return;
      this.setData({ sending: true, serverProblem: '' });
      try {
        await importCalendar({ year, version, rows });
        calendarDraft(year).clear();
        this.setData({ sending: false, mode: 'list' });
        wx.showToast({ title: `${year}年已导入`, icon: 'success' });
        await this.load(year);
      } catch (error) {
        this.setData({ sending: false });
        if (error instanceof ApiError && error.code === 'CONFLICT') {
          // someone else imported this year meanwhile: read it again, keep what was typed
          wx.showModal({
            title: '别人刚刚修改过',
            content: `${year}年的节假日安排在您填写期间被他人修改了。已为您读取最新版本，您填写的内容仍保留，请核对后再导入。`,
            showCancel: false,
            confirmText: '知道了',
          });
          this.setData({ mode: 'edit' });
          await Promise.all([this.readVersion(year), this.load(year)]);
          return;
        }
        this.setData({ serverProblem: errorMessage(error) });
      }
    },
  },
});
