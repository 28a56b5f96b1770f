/**
 * 在线申报 (`?code=`) and 修改后重新提交 (`?declarationId=`, after 打回): the declaration form of the project,
 * its draft kept per project (or per declaration being corrected), and the answer of the cloud afterwards.
 */
import type { AnswerValue, AttachmentRef, HouseholdResponse } from '../../../typings/api';
import { elderMode } from '../../behaviors/elder-mode';
import { session } from '../../behaviors/session';
import { formDraft } from '../../components/declaration-form/draft';
import type { FormProject, FormSubmit, MemberOption } from '../../components/declaration-form/types';
import { detail, getProject, resubmit, submit } from '../../services/declaration';
import { askToSubscribe } from '../../services/subscribe';
import { errorMessage, showError } from '../../services/toast';
import { household } from '../../services/user';
import { memberRole } from '../../shared/household';
import { type SubmitResultView, submitResultView } from './result';

/** A household head may declare for any member; anyone else for themselves. */
function memberOptions(home: HouseholdResponse): MemberOption[] {
  if (!home.isHead) return [];
  return home.members.map((m) => ({
    memberId: m.memberId,
    label: `${m.maskedName}（${m.isMe ? '本人' : memberRole(m.relation)}）`,
    isMe: m.isMe,
  }));
}

async function membersOrNone(): Promise<MemberOption[]> {
  try {
    return memberOptions(await household());
  } catch {
    // without the household the person declares for themselves
    return [];
  }
}

Component({
  behaviors: [elderMode, session],
  data: {
    project: null as FormProject | null,
    projectName: '',
    members: [] as MemberOption[],
    initialAnswers: {} as Record<string, AnswerValue>,
    initialAttachments: [] as Array<AttachmentRef & { label: string }>,
    draftKey: '',
    declarationId: '',
    submitting: false,
    failure: '',
    result: null as SubmitResultView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.declarationId) this.loadCorrection(query.declarationId);
      else this.loadNew(query.code ?? '');
    },
    async loadNew(code: string) {
      try {
        const [project, members] = await Promise.all([getProject(code), membersOrNone()]);
        if (!project.open) {
          this.setData({ failure: `${project.name}当前不在申报时间内` });
          return;
        }
        this.show(project, members, `project.${code}`);
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
    /** After 打回: the same form, filled with what was sent, sent again with resubmit. */
    async loadCorrection(declarationId: string) {
      try {
        const declaration = await detail(declarationId);
        if (!declaration.canResubmit) {
          this.setData({ failure: '这份申报现在不能修改' });
          return;
        }
        const project = await getProject(declaration.projectCode);
        this.setData({
          declarationId,
          initialAnswers: declaration.answers,
          initialAttachments: declaration.attachments,
        });
        wx.setNavigationBarTitle({ title: '修改后重新提交' });
        this.show(project, [], `declaration.${declarationId}`);
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
    show(project: FormProject & { name: string }, members: MemberOption[], draftKey: string) {
      // the form starts when `project` arrives, so the rest goes first
      this.setData({ members, draftKey, projectName: project.name });
      this.setData({ project: { code: project.code, form: project.form, materials: project.materials } });
    },
    async onSubmit(event: WechatMiniprogram.CustomEvent<FormSubmit>) {
      const { project, declarationId, draftKey, submitting } = this.data;
      if (!project || submitting) return;
      // inside the tap that sent the form, as WeChat requires; the submission does not wait for it
      askToSubscribe(['declaration']);
      const form = event.detail;
      this.setData({ submitting: true });
      try {
        const answer = declarationId
          ? await resubmit({ declarationId, answers: form.answers, attachments: form.attachments })
          : await submit({ code: project.code, ...form });
        formDraft(draftKey).clear();
        this.setData({ submitting: false, result: submitResultView(answer) });
      } catch (error) {
        this.setData({ submitting: false });
        showError(error);
      }
    },
    onViewDeclaration() {
      const id = this.data.result?.declarationId;
      if (id) wx.redirectTo({ url: `/pages/declarations/detail?id=${id}` });
    },
    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
