/**
 * 我要举报: what kind of problem, 实名 or 匿名 (实名 needs a registered account), where, which project and
 * whom it concerns (picked from the region's staff, masked, or typed), what happened (10 to 2000
 * characters, counted) and up to 9 pictures, uploaded when the tip-off is sent: to the reporter's folder,
 * or for an anonymous one to a random folder that carries no identity. After sending, the tracking code
 * and, anonymous, the secret: it lives in this page only, is never stored on the phone and cannot be
 * shown again, so the person is told to write it down or copy it.
 */
import type { TipoffAttachment, TipoffKind, TipoffSubmitRequest } from '../../../typings/api';
import { elderMode } from '../../behaviors/elder-mode';
import { projectChoices } from '../../behaviors/project-options';
import { session } from '../../behaviors/session';
import type { VillagePick } from '../../components/village-picker/index';
import { confirm } from '../../services/confirm';
import { type TipoffReporter, tipoffFolder, uploadTipoffPicture } from '../../services/files';
import { askToSubscribe } from '../../services/subscribe';
import { submitTipoff, tipoffStaff } from '../../services/tipoff';
import { showError } from '../../services/toast';
import { extensionOf } from '../../shared/materials';
import { type SessionState, sessionUserId } from '../../stores/session';
import type { TapEvent } from '../../types/events';
import {
  ACCUSED_TEXT_MAX,
  type Account,
  CONTENT_MAX,
  clipboardText,
  type Identity,
  KINDS,
  PICTURES_MAX,
  pictureProblem,
  type SentView,
  sentView,
  tipoffProblem,
} from './form';

interface Picture {
  id: string;
  path: string;
  name: string;
}

interface StaffOption {
  staffId: string;
  /** 张*（青龙村村委会） */
  label: string;
}

/** A registered account counts once the login has also told its userId, which names the upload folder. */
function accountOf(state: SessionState): Account {
  if (state.status !== 'ready') return 'unknown';
  if (!state.login.registered) return 'unregistered';
  return sessionUserId(state) ? 'registered' : 'unknown';
}

/** Numbers the pictures chosen in this launch. */
let pictureSeq = 0;

Component({
  behaviors: [elderMode, session, projectChoices],
  data: {
    kinds: KINDS,
    kind: '' as TipoffKind | '',
    identity: '' as Identity,
    account: 'unknown' as Account,
    /** the caller's userId while `account` is 'registered' */
    userId: '',
    region: { code: '', label: '' },
    pickerVisible: false,
    projectCode: '',
    staff: [] as StaffOption[],
    /** why the staff list is not offered, in plain words; '' when it is */
    staffNote: '',
    accusedStaffId: '',
    accusedText: '',
    accusedMax: ACCUSED_TEXT_MAX,
    content: '',
    count: 0,
    max: CONTENT_MAX,
    pictures: [] as Picture[],
    picturesMax: PICTURES_MAX,
    /** problems show once the person has tried to send */
    attempted: false,
    problem: '',
    sending: false,
    /** 正在上传图片 2/5 */
    progress: '',
    /** the answer to the tip-off sent from this page: shown once */
    sent: null as SentView | null,
  },
  observers: {
    session(state: SessionState) {
      const account = accountOf(state);
      const changed = account !== this.data.account;
      this.setData({ account, userId: sessionUserId(state) ?? '' });
      const own = state.status === 'ready' ? state.login.household?.villageCode : undefined;
      if (own && !this.data.region.code) this.showRegion({ code: own, label: '本村' });
      else if (changed) this.loadStaff();
      this.recheck();
    },
  },
  methods: {
    /** Shows the problem again after a change, once the person has tried to send. */
    recheck() {
      if (!this.data.attempted) return;
      const { kind, identity, account, region, content, accusedText } = this.data;
      this.setData({
        problem: tipoffProblem({ kind, identity, account, regionCode: region.code, content, accusedText }),
      });
    },
    onKindTap(event: TapEvent<{ value: TipoffKind }>) {
      this.setData({ kind: event.currentTarget.dataset.value });
      this.recheck();
    },
    onIdentityTap(event: TapEvent<{ value: Identity }>) {
      this.setData({ identity: event.currentTarget.dataset.value });
      this.recheck();
    },
    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' });
    },

    showRegion(region: { code: string; label: string }) {
      this.setData({ region, accusedStaffId: '' });
      this.loadStaff();
      this.recheck();
    },
    onPickRegion() {
      this.setData({ pickerVisible: true });
    },
    onPickerClose() {
      this.setData({ pickerVisible: false });
    },
    onRegionPicked(event: WechatMiniprogram.CustomEvent<VillagePick>) {
      this.setData({ pickerVisible: false });
      this.showRegion({ code: event.detail.code, label: event.detail.label });
    },
    onProjectTap(event: TapEvent<{ value: string }>) {
      this.setData({ projectCode: event.currentTarget.dataset.value });
    },

    /** The staff of the region to pick from: registered accounts only may read it. */
    async loadStaff() {
      const regionCode = this.data.region.code;
      if (!regionCode) return;
      if (this.data.account !== 'registered') {
        this.setData({ staff: [], staffNote: '可直接填写被反映人的姓名和单位' });
        return;
      }
      try {
        const { items } = await tipoffStaff(regionCode);
        if (regionCode !== this.data.region.code) return;
        this.setData({
          staff: items.map((s) => ({
            staffId: s.staffId,
            label: s.unit ? `${s.maskedName}（${s.unit}）` : s.maskedName,
          })),
          staffNote: items.length ? '' : '该地区没有登记的工作人员，可直接填写姓名和单位',
        });
      } catch {
        if (regionCode !== this.data.region.code) return;
        this.setData({ staff: [], staffNote: '暂时无法读取工作人员名单，可直接填写姓名和单位' });
      }
    },
    /** One way of naming a person at a time: a pick clears the typed text and the other way round. */
    onAccusedTap(event: TapEvent<{ value: string }>) {
      this.setData({ accusedStaffId: event.currentTarget.dataset.value, accusedText: '' });
      this.recheck();
    },
    onAccusedInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const accusedText = event.detail.value;
      this.setData({ accusedText, accusedStaffId: accusedText.trim() ? '' : this.data.accusedStaffId });
      this.recheck();
    },

    onContentInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const content = event.detail.value;
      this.setData({ content, count: content.length });
      this.recheck();
    },

    onChoosePictures() {
      const room = PICTURES_MAX - this.data.pictures.length;
      if (room <= 0 || this.data.sending) return;
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: (res) => {
          const chosen = res.tempFiles.map((f) => ({ path: f.tempFilePath, sizeBytes: f.size }));
          const problems = chosen.map((f) => pictureProblem({ name: f.path, sizeBytes: f.sizeBytes }));
          const problem = problems.find((p) => p !== null);
          if (problem) wx.showToast({ title: problem, icon: 'none', duration: 2500 });
          const added = chosen
            .filter((_, i) => problems[i] === null)
            .map((f) => {
              pictureSeq += 1;
              return { id: `p${pictureSeq}`, path: f.path, name: f.path.split('/').pop() ?? f.path };
            });
          this.setData({ pictures: [...this.data.pictures, ...added].slice(0, PICTURES_MAX) });
        },
      });
    },
    onRemovePicture(event: TapEvent<{ value: string }>) {
      if (this.data.sending) return;
      const id = event.currentTarget.dataset.value;
      this.setData({ pictures: this.data.pictures.filter((p) => p.id !== id) });
    },
    onPreviewPicture(event: TapEvent<{ value: string }>) {
      const current = this.data.pictures.find((p) => p.id === event.currentTarget.dataset.value);
      if (current) wx.previewImage({ current: current.path, urls: this.data.pictures.map((p) => p.path) });
    },

    /** Uploads every chosen picture into one folder for this tip-off; answers their attachments. */
    async uploadPictures(reporter: TipoffReporter): Promise<TipoffAttachment[]> {
      const { pictures } = this.data;
      if (pictures.length === 0) return [];
      const folder = tipoffFolder(reporter);
      let done = 0;
      const progress = () => `正在上传图片 ${done}/${pictures.length}`;
      this.setData({ progress: progress() });
      return Promise.all(
        pictures.map(async (picture, i) => {
          const fileID = await uploadTipoffPicture({
            folder,
            filePath: picture.path,
            ext: extensionOf(picture.name),
            n: i + 1,
          });
          done += 1;
          this.setData({ progress: progress() });
          return { fileID, name: `图片${i + 1}` };
        }),
      );
    },
    async onSubmit() {
      if (this.data.sending) return;
      const { kind, identity, account, userId, region, content, accusedText, accusedStaffId, projectCode } =
        this.data;
      const problem = tipoffProblem({
        kind,
        identity,
        account,
        regionCode: region.code,
        content,
        accusedText,
      });
      this.setData({ attempted: true, problem });
      // (tipoffProblem asks for a kind; the type checker needs to see it too)
      if (problem || !kind) {
        wx.showToast({ title: problem, icon: 'none', duration: 2500 });
        return;
      }
      const anonymous = identity === 'anonymous';
      // inside the tap, as WeChat requires; only a named reporter is told of the progress
      if (!anonymous) askToSubscribe(['tipoff']);
      // taken before the confirmation is asked, so a second tap cannot send twice
      this.setData({ sending: true });
      try {
        const agreed = await confirm(
          '提交举报',
          anonymous
            ? '匿名举报不记录您的身份。提交后会给您查询码和查询密钥，密钥只显示一次，请准备好抄写。'
            : '实名举报，纪检监察部门将在15个工作日内受理，并为您保密。',
          '提交',
        );
        if (!agreed) return;
        // a named tip-off needs a registered account (tipoffProblem), which carries the userId
        const attachments = await this.uploadPictures(
          anonymous ? { anonymous: true } : { anonymous: false, userId },
        );
        const request: TipoffSubmitRequest = {
          kind,
          anonymous,
          regionCode: region.code,
          content: content.trim(),
        };
        if (projectCode) request.projectCode = projectCode;
        if (accusedStaffId) request.accusedStaffId = accusedStaffId;
        else if (accusedText.trim()) request.accusedText = accusedText.trim();
        if (attachments.length) request.attachments = attachments;
        const answer = await submitTipoff(request);
        this.setData({ sent: sentView(answer), content: '', count: 0, pictures: [], accusedText: '' });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ sending: false, progress: '' });
      }
    },

    onCopy() {
      const { sent } = this.data;
      if (sent) wx.setClipboardData({ data: clipboardText(sent.trackingCode, sent.secret) });
    },
    /** An anonymous tip-off is followed with its secret, which is typed there, never carried in the url. */
    onTrack() {
      const { sent } = this.data;
      if (!sent) return;
      wx.navigateTo({
        url: `/pages/tipoff/track?code=${sent.trackingCode}${sent.secret ? '&anonymous=1' : ''}`,
      });
    },
    onOpenTrack() {
      wx.navigateTo({ url: '/pages/tipoff/track' });
    },
  },
});
