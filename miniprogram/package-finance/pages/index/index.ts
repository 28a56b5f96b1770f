/**
 * 阳光发放: finance's batches, newest first, and the form that makes a batch from approved declarations
 * of a project, a region of the office and a period. The period is checked against the project's
 * frequency before anything is sent; the answer lists the households left out and why.
 */
import { elderMode } from '../../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage, reloadOnShow } from '../../../behaviors/paged-list';
import { confirm } from '../../../services/confirm';
import { getProject, listProjects, projectOptions } from '../../../services/declaration';
import { batches, createBatch } from '../../../services/payment';
import { showError } from '../../../services/toast';
import { periodHint } from '../../../shared/entitlement';
import { loadSession } from '../../../stores/session';
import type { TapEvent } from '../../../types/events';
import type { Option } from '../../../types/option';
import { financeRegions, regionOptions } from '../../regions';
import {
  type BatchForm,
  type BatchView,
  batchFormProblem,
  batchView,
  type CreatedView,
  createdView,
} from '../../view';

const PAGE_SIZE = 20;

const EMPTY_FORM: BatchForm = { projectCode: '', frequency: null, regionCode: '', period: '' };

Component({
  behaviors: [elderMode, pagedPage, reloadOnShow],
  data: {
    projects: [] as Option[],
    regions: [] as Option[],
    /** the session has no finance region: no batch can be made here */
    noRegion: false,
    form: EMPTY_FORM,
    periodHint: '先选择补贴项目',
    problem: '',
    creating: false,
    created: null as CreatedView | null,
    ...pagedData<BatchView>(),
  },
  lifetimes: {
    attached() {
      this.loadPage(1);
      this.loadChoices();
    },
  },
  methods: {
    /** The projects of the catalogue and the regions of the office's grants. */
    async loadChoices() {
      try {
        const login = await loadSession();
        const own = financeRegions(login.roles);
        this.setData({ noRegion: own.length === 0 });
        const [cards, regions] = await Promise.all([listProjects(), regionOptions(own)]);
        this.setData({
          projects: projectOptions(cards),
          regions,
          form: { ...this.data.form, regionCode: this.data.form.regionCode || (regions[0]?.value ?? '') },
        });
      } catch (error) {
        showError(error);
      }
    },
    /** Page 1 replaces the list; later pages add to it. */
    loadPage(page: number) {
      return loadPaged(this as unknown as PagedHost<BatchView>, page, async () => {
        const answer = await batches({ page, pageSize: PAGE_SIZE });
        return { rows: answer.items.map(batchView), total: answer.total };
      });
    },
    setForm(changes: Partial<BatchForm>) {
      this.setData({ form: { ...this.data.form, ...changes }, problem: '' });
    },
    /** A project's frequency says how its period is written (2026-03, 2026-Q1, 2026). */
    async onProjectTap(event: TapEvent<{ value: string }>) {
      const projectCode = event.currentTarget.dataset.value;
      this.setForm({ projectCode, frequency: null });
      this.setData({ periodHint: '正在读取发放周期…' });
      try {
        const project = await getProject(projectCode);
        if (this.data.form.projectCode !== projectCode) return;
        this.setForm({ frequency: project.frequency });
        this.setData({ periodHint: periodHint(project.frequency) });
      } catch (error) {
        showError(error);
      }
    },
    onRegionTap(event: TapEvent<{ value: string }>) {
      this.setForm({ regionCode: event.currentTarget.dataset.value });
    },
    onPeriodInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setForm({ period: event.detail.value });
    },
    async onCreate() {
      const { form, creating, projects, regions } = this.data;
      if (creating) return;
      const problem = batchFormProblem(form);
      this.setData({ problem });
      if (problem) return;
      const period = form.period.trim();
      const project = projects.find((p) => p.value === form.projectCode)?.label ?? form.projectCode;
      const region = regions.find((r) => r.value === form.regionCode)?.label ?? form.regionCode;
      const agreed = await confirm(
        '生成发放批次',
        `${project}，${region}，期次 ${period}：把审批通过、尚未发放的户纳入批次。`,
        '生成',
      );
      if (!agreed) return;
      this.setData({ creating: true, created: null });
      try {
        const answer = await createBatch({
          projectCode: form.projectCode,
          regionCode: form.regionCode,
          period,
        });
        this.setData({ created: createdView(answer), form: { ...form, period: '' } });
        await this.loadPage(1);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ creating: false });
      }
    },
    onOpenBatch(event: TapEvent<{ id: string }>) {
      wx.navigateTo({ url: `/package-finance/pages/batch/index?id=${event.currentTarget.dataset.id}` });
    },
    onImportLedger() {
      wx.navigateTo({ url: '/package-finance/pages/import/index?mode=ledger' });
    },
  },
});
