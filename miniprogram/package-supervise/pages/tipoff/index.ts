/**
 * 举报详情: what was reported (content, attachments, who reported a named one, whom it is about), the
 * handling so far and the actions its status allows — 受理, 办结 (with 异议是否属实 for an objection to a
 * public list), 答复举报人, 转办. Each goes with the version the supervisor saw: when another supervisor
 * acted first (CONFLICT) the tip-off is read again and the supervisor told so.
 */
import type { TipoffDetail } from '../../../../typings/api';
import { attachments } from '../../../behaviors/attachments';
import { detailPage } from '../../../behaviors/detail-page';
import { elderMode } from '../../../behaviors/elder-mode';
import { confirm } from '../../../services/confirm';
import {
  acceptTipoff,
  closeTipoff,
  replyTipoff,
  tipoffDetail,
  transferTipoff,
} from '../../../services/tipoff';
import { errorMessage, showError } from '../../../services/toast';
import type { TapEvent } from '../../../types/events';
import { CONFLICT_TOAST, isConflict } from '../../view';
import {
  ACTION_LABELS,
  EMPTY_FORM,
  type SheetAction,
  type SheetForm,
  sheetProblem,
  type TipoffAction,
  type TipoffView,
  textRule,
  tipoffView,
} from './view';

const DONE_TOASTS: Readonly<Record<TipoffAction, string>> = {
  accept: '已受理',
  close: '已办结，请答复举报人',
  reply: '已答复举报人',
  transfer: '已转办',
};

const TEXT_LABELS: Readonly<Record<SheetAction, string>> = {
  close: '办结情况（必填）：查明了什么、怎么处理的',
  reply: '答复内容（必填）：举报人会看到这段话',
  transfer: '转办理由（必填）',
};

Component({
  behaviors: [elderMode, attachments, detailPage],
  data: {
    id: '',
    view: null as TipoffView | null,
    failure: '',
    sheet: '' as SheetAction | '',
    sheetTitle: '',
    textLabel: '',
    textMax: 2000,
    textPlaceholder: '',
    form: EMPTY_FORM as SheetForm,
    problem: '',
    acting: false,
  },
  methods: {
    async load() {
      try {
        this.show(await tipoffDetail(this.data.id));
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
    show(detail: TipoffDetail) {
      this.setData({ view: tipoffView(detail, new Date()), failure: '' });
    },
    onRetry() {
      this.setData({ failure: '' });
      this.load();
    },
    /** The attachments previewed by `attachments`. */
    imageUrls(): string[] {
      return (this.data.view?.attachments ?? []).filter((a) => a.kind === 'image').map((a) => a.url);
    },
    onActionTap(event: TapEvent<{ value: TipoffAction }>) {
      const action = event.currentTarget.dataset.value;
      if (action === 'accept') this.onAccept();
      else this.openSheet(action);
    },
    async onAccept() {
      const { view, acting } = this.data;
      if (!view || acting) return;
      const agreed = await confirm('受理举报', `受理${view.code}这件举报，并开始核查。`, '受理');
      if (!agreed) return;
      await this.act('accept', () => acceptTipoff({ tipoffId: view.id, version: view.version }));
    },
    openSheet(sheet: SheetAction) {
      this.setData({
        sheet,
        sheetTitle: `${ACTION_LABELS[sheet]} ${this.data.view?.code ?? ''}`,
        textLabel: TEXT_LABELS[sheet],
        textMax: sheet === 'transfer' ? 200 : 2000,
        textPlaceholder: `至少${textRule(sheet).min}个字`,
        form: EMPTY_FORM,
        problem: '',
      });
    },
    onCloseSheet() {
      if (!this.data.acting) this.setData({ sheet: '' });
    },
    onSheetVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onCloseSheet();
    },
    edit(patch: Partial<SheetForm>) {
      this.setData({ form: { ...this.data.form, ...patch }, problem: '' });
    },
    onTextInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.edit({ text: event.detail.value });
    },
    onRegionInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.edit({ regionCode: event.detail.value });
    },
    onUpheldTap(event: TapEvent<{ value: SheetForm['upheld'] }>) {
      this.edit({ upheld: event.currentTarget.dataset.value });
    },
    /** Checked here first, so nothing is sent that the cloud would refuse for missing words. */
    async onSend() {
      const { view, sheet, form, acting } = this.data;
      if (!view || !sheet || acting) return;
      const problem = sheetProblem(sheet, form, view);
      if (problem) {
        this.setData({ problem });
        return;
      }
      const act = { tipoffId: view.id, version: view.version };
      const text = form.text.trim();
      const send: Record<SheetAction, () => Promise<TipoffDetail>> = {
        close: () =>
          closeTipoff({
            ...act,
            conclusion: text,
            ...(view.asksObjection ? { objectionUpheld: form.upheld === 'yes' } : {}),
          }),
        reply: () => replyTipoff({ ...act, reply: text }),
        transfer: () => transferTipoff({ ...act, regionCode: form.regionCode.trim(), reason: text }),
      };
      await this.act(sheet, send[sheet]);
    },
    /** One action: the answer is the tip-off as it is now; a CONFLICT reads it again. */
    async act(action: TipoffAction, call: () => Promise<TipoffDetail>) {
      this.setData({ acting: true });
      try {
        const detail = await call();
        this.setData({ acting: false, sheet: '' });
        this.show(detail);
        wx.showToast({ title: DONE_TOASTS[action], icon: 'none', duration: 2500 });
      } catch (error) {
        this.setData({ acting: false });
        if (!isConflict(error)) {
          showError(error);
          return;
        }
        this.setData({ sheet: '' });
        await this.load();
        wx.showToast({ title: CONFLICT_TOAST, icon: 'none', duration: 2500 });
      }
    },
  },
});
