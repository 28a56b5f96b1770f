/**
 * 居民核验: a village or township cadre's list of residents waiting for on-site confirmation. The cadre
 * confirms by typing the number read off the person's ID card, or refuses with a reason. Nothing changes
 * on screen before the cloud answers; a CONFLICT means someone else decided first, so the list is asked again.
 */

import type { PendingResident } from '../../../../typings/api';
import { elderMode } from '../../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage } from '../../../behaviors/paged-list';
import { ApiError } from '../../../services/api-error';
import { confirm } from '../../../services/confirm';
import { showError } from '../../../services/toast';
import { verificationQueue, verify } from '../../../services/user';
import { shanghaiDateTime, shanghaiDay } from '../../../shared/time';
import type { TapEvent } from '../../../types/events';
import { checkSeenId, REFUSAL_REASONS, refusalReason } from './decision';

const PAGE_SIZE = 20;

interface ResidentRow {
  userId: string;
  name: string;
  idNumber: string;
  mobile: string;
  village: string;
  registeredAt: string;
}

function rowOf(r: PendingResident): ResidentRow {
  return {
    userId: r.userId,
    name: r.name,
    idNumber: r.maskedIdNumber,
    mobile: r.maskedMobile,
    village: r.villageName,
    registeredAt: shanghaiDateTime(r.registeredAt),
  };
}

Component({
  behaviors: [elderMode, pagedPage],
  data: {
    ...pagedData<ResidentRow>(),
    /** why the list cannot be shown (e.g. FORBIDDEN for a county cadre) */
    failure: '',
    selected: null as ResidentRow | null,
    seenId: '',
    seenIdTouched: false,
    seenIdError: '',
    reasons: REFUSAL_REASONS,
    reasonChoice: '',
    reasonText: '',
    canConfirm: false,
    canRefuse: false,
    submitting: false,
  },
  lifetimes: {
    attached() {
      this.loadPage(1);
    },
  },
  methods: {
    /** Page 1 replaces the list; later pages add to it. */
    loadPage(page: number) {
      return loadPaged(
        this as unknown as PagedHost<ResidentRow>,
        page,
        async () => {
          const answer = await verificationQueue({ page, pageSize: PAGE_SIZE });
          return { rows: answer.items.map(rowOf), total: answer.total };
        },
        { toastFirstPageFailure: true },
      );
    },
    onOpen(event: TapEvent<{ index: number }>) {
      const selected = this.data.items[event.currentTarget.dataset.index];
      if (!selected) return;
      this.setData({
        selected,
        seenId: '',
        seenIdTouched: false,
        seenIdError: '',
        reasonChoice: '',
        reasonText: '',
        canConfirm: false,
        canRefuse: false,
      });
    },
    onClose() {
      if (!this.data.submitting) this.setData({ selected: null });
    },
    onSheetVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onClose();
    },
    /** Checks the typed number; its problem shows once it is complete or the field is left. */
    checkSeenId(seenId: string, touched: boolean) {
      const problem = checkSeenId(seenId, shanghaiDay(new Date()));
      this.setData({
        seenId,
        seenIdTouched: touched,
        seenIdError: touched && problem ? problem : '',
        canConfirm: problem === null,
      });
    },
    onSeenIdInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const seenId = event.detail.value.replace(/\s/g, '').toUpperCase();
      this.checkSeenId(seenId, this.data.seenIdTouched || seenId.length >= 18);
    },
    onSeenIdBlur() {
      this.checkSeenId(this.data.seenId, true);
    },
    onReasonTap(event: TapEvent<{ value: string }>) {
      const reasonChoice = event.currentTarget.dataset.value;
      this.setData({ reasonChoice, canRefuse: refusalReason(reasonChoice, this.data.reasonText) !== null });
    },
    onReasonInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const reasonText = event.detail.value;
      this.setData({ reasonText, canRefuse: refusalReason(this.data.reasonChoice, reasonText) !== null });
    },
    onConfirm() {
      const { selected, seenId, canConfirm } = this.data;
      if (!selected || !canConfirm) return;
      this.decide({ userId: selected.userId, decision: 'confirm', idNumber: seenId }, '已确认核验');
    },
    async onRefuse() {
      const { selected, reasonChoice, reasonText } = this.data;
      const reason = refusalReason(reasonChoice, reasonText);
      if (!selected || !reason) return;
      const agreed = await confirm(
        '确认不通过',
        `${selected.name}的注册将作废，需要本人重新注册。原因：${reason}`,
        '不通过',
      );
      if (agreed) this.decide({ userId: selected.userId, decision: 'refuse', reason }, '已记录不通过');
    },
    /** Sends the decision; the list changes only by asking the cloud again. */
    async decide(request: Parameters<typeof verify>[0], done: string) {
      if (this.data.submitting) return;
      this.setData({ submitting: true });
      try {
        await verify(request);
        this.setData({ submitting: false, selected: null });
        wx.showToast({ title: done, icon: 'success' });
        await this.loadPage(1);
      } catch (error) {
        this.setData({ submitting: false });
        showError(error);
        if (error instanceof ApiError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
          // someone else decided first: show the list as it is now
          this.setData({ selected: null });
          await this.loadPage(1);
        }
      }
    },
  },
});
