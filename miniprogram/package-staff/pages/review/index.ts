/**
 * 审核: one declaration as the cadre decides it — applicant, answers, materials (images previewed, PDFs
 * opened), the household's other declarations, each rule with its reason and the timeline. The decision
 * sheet offers only the outcomes the cloud allows now; 打回 and 不予通过 need an opinion. Nothing is
 * shown as decided before the cloud answers; a CONFLICT (another cadre decided first) shows its message
 * and the item as it is now.
 */

import type { FormField, ReviewOutcome } from '../../../../typings/api';
import { attachments } from '../../../behaviors/attachments';
import { detailPage } from '../../../behaviors/detail-page';
import { elderMode } from '../../../behaviors/elder-mode';
import { ApiError } from '../../../services/api-error';
import { approvalDetail, review } from '../../../services/approval';
import { confirm } from '../../../services/confirm';
import { getProject } from '../../../services/declaration';
import { errorMessage, showError } from '../../../services/toast';
import type { TapEvent } from '../../../types/events';
import {
  type AnswerLine,
  answerLines,
  OUTCOME_LABELS,
  opinionProblem,
  type ReviewView,
  reviewView,
} from './view';

/** The form of each project read in this launch, to label the answers. */
const forms = new Map<string, FormField[]>();

async function formOf(projectCode: string): Promise<FormField[]> {
  if (!forms.has(projectCode)) {
    // without the form the answers still show, under their keys
    const fields = await getProject(projectCode).then(
      (p) => p.form,
      () => [],
    );
    forms.set(projectCode, fields);
  }
  return forms.get(projectCode) ?? [];
}

Component({
  behaviors: [elderMode, attachments, detailPage],
  data: {
    id: '',
    view: null as ReviewView | null,
    answers: [] as AnswerLine[],
    failure: '',
    sheetOpen: false,
    outcome: '' as ReviewOutcome | '',
    opinion: '',
    templates: [] as string[],
    problem: '',
    canSend: false,
    deciding: false,
  },
  methods: {
    async load() {
      try {
        const d = await approvalDetail(this.data.id);
        const fields = await formOf(d.projectCode);
        this.setData({ view: reviewView(d), answers: answerLines(fields, d.answers), failure: '' });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
    /** The materials previewed by `attachments`. */
    imageUrls(): string[] {
      return (this.data.view?.materials ?? []).filter((m) => m.kind === 'image').map((m) => m.url);
    },
    onOpenSheet() {
      const outcomes = this.data.view?.outcomes ?? [];
      if (outcomes.length === 0) return;
      this.setData({ sheetOpen: true, opinion: '' });
      this.choose(outcomes.length === 1 ? outcomes[0]!.value : '');
    },
    onCloseSheet() {
      if (!this.data.deciding) this.setData({ sheetOpen: false });
    },
    onSheetVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onCloseSheet();
    },
    choose(outcome: ReviewOutcome | '') {
      this.setData({ outcome, templates: outcome ? (this.data.view?.templates[outcome] ?? []) : [] });
      this.check(this.data.opinion);
    },
    check(opinion: string) {
      const { outcome } = this.data;
      const problem = outcome ? opinionProblem(outcome, opinion) : '';
      this.setData({ opinion, problem, canSend: outcome !== '' && problem === '' });
    },
    onOutcomeTap(event: TapEvent<{ value: ReviewOutcome }>) {
      this.choose(event.currentTarget.dataset.value);
    },
    onTemplateTap(event: TapEvent<{ value: string }>) {
      this.check(event.currentTarget.dataset.value);
    },
    onOpinionInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.check(event.detail.value);
    },
    async onDecide() {
      const { view, outcome, opinion, canSend, deciding } = this.data;
      if (!view || !outcome || !canSend || deciding) return;
      const words = opinion.trim();
      const agreed = await confirm(
        `确认${OUTCOME_LABELS[outcome]}`,
        `${view.applicantName}的${view.projectName}：${OUTCOME_LABELS[outcome]}${words ? `。意见：${words}` : ''}`,
        OUTCOME_LABELS[outcome],
      );
      if (!agreed) return;
      this.setData({ deciding: true });
      try {
        const { item } = await review({
          declarationId: view.id,
          version: view.version,
          outcome,
          ...(words ? { opinion: words } : {}),
        });
        this.setData({ deciding: false, sheetOpen: false });
        wx.showToast({
          title: `已${OUTCOME_LABELS[outcome]}，${item.statusText}`,
          icon: 'none',
          duration: 2500,
        });
        await this.load();
      } catch (error) {
        this.setData({ deciding: false });
        showError(error);
        if (error instanceof ApiError && error.code === 'CONFLICT') {
          // another cadre decided first: show the item as it is now
          this.setData({ sheetOpen: false });
          await this.load();
        }
      }
    },
  },
});
