/**
 * 公示详情: one line of a public list with how to object; while the notice runs (`canObject`), the
 * objection form — what is wrong (up to 2000 characters, counted), 实名 or 匿名. After sending, the
 * tracking code, and for an anonymous objection the secret: it lives in this page only, is never stored
 * on the phone and cannot be shown again, so the person is told to write it down or copy it.
 */
import type { PublicityDetailResponse, PublicityObjectResponse } from '../../../typings/api';
import { detailPage } from '../../behaviors/detail-page';
import { elderMode } from '../../behaviors/elder-mode';
import { type PublicityRow, publicityRow } from '../../components/publicity-list/view';
import { confirm } from '../../services/confirm';
import { objectToPublicity, publicityDetail } from '../../services/publicity';
import { errorMessage, showError } from '../../services/toast';
import type { TapEvent } from '../../types/events';
import { clipboardText, type Identity, OBJECTION_MAX, objectionProblem } from './objection';

interface DetailView extends PublicityRow {
  objectionHint: string;
  canObject: boolean;
}

function detailView(d: PublicityDetailResponse): DetailView {
  return { ...publicityRow(d), objectionHint: d.objectionHint, canObject: d.canObject };
}

Component({
  behaviors: [elderMode, detailPage],
  data: {
    id: '',
    view: null as DetailView | null,
    failure: '',
    content: '',
    count: 0,
    max: OBJECTION_MAX,
    identity: '' as Identity,
    problem: objectionProblem('', ''),
    sending: false,
    /** the answer to the objection sent from this page: shown once */
    sent: null as PublicityObjectResponse | null,
  },
  methods: {
    async load() {
      try {
        this.setData({ view: detailView(await publicityDetail(this.data.id)), failure: '' });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
    check(content: string, identity: Identity) {
      this.setData({
        content,
        identity,
        count: content.length,
        problem: objectionProblem(content, identity),
      });
    },
    onContentInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.check(event.detail.value, this.data.identity);
    },
    onIdentityTap(event: TapEvent<{ value: Identity }>) {
      this.check(this.data.content, event.currentTarget.dataset.value);
    },
    async onSend() {
      const { view, content, identity, problem, sending } = this.data;
      if (!view?.canObject || problem || !identity || sending) return;
      const agreed = await confirm(
        '提交异议',
        identity === 'anonymous'
          ? '匿名提交不记录您的身份。提交后会给您一个查询码和查询密码，密码只显示一次，请准备好抄写。'
          : '实名提交，纪检监察部门会在受理后联系您。',
        '提交',
      );
      if (!agreed) return;
      this.setData({ sending: true });
      try {
        const sent = await objectToPublicity({
          publicityId: view.id,
          content: content.trim(),
          anonymous: identity === 'anonymous',
        });
        this.setData({ sent, content: '', count: 0 });
        await this.load();
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ sending: false });
      }
    },
    onCopy() {
      const { sent } = this.data;
      if (!sent) return;
      wx.setClipboardData({ data: clipboardText(sent.trackingCode, sent.secret) });
    },
  },
});
