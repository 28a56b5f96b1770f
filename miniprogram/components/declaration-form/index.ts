/**
 * 申报表: renders any project's form schema and materials, checks the answers with the shared
 * `checkAnswers` as the person types, uploads materials with progress, keeps a draft per `draftKey`,
 * asks the cloud's pre-check (每条条件是否符合及原因) before the final submit when `checkable`, and emits
 * `submit` ({@link FormSubmit}) with a complete form only. The page sends it and clears the draft.
 */
import type { AnswerValue, AttachmentRef, MaterialSpec, PrecheckResponse } from '../../../typings/api';
import { elderMode } from '../../behaviors/elder-mode';
import { precheck } from '../../services/declaration';
import { uploadMaterial } from '../../services/files';
import { errorMessage, showError } from '../../services/toast';
import { extensionOf, MATERIAL_EXTENSIONS, materialFileProblem } from '../../shared/materials';
import { sessionUserId } from '../../stores/session';
import type { DataEvent, TapEvent } from '../../types/events';
import { formDraft } from './draft';
import {
  attachmentsOf,
  checkForm,
  EMPTY_STATE,
  type FieldInput,
  type FormState,
  fieldViews,
  inputsOf,
  materialViews,
  type RuleView,
  ruleViews,
  shownErrors,
  type UploadedFile,
  type UploadingView,
} from './model';
import type { FormProject, FormSubmit, MemberOption } from './types';

/** The `data-*` of a field's element: which answer or material it is, and the choice it stands for. */
interface FieldKey {
  key: string;
  value?: string;
}

interface ChosenFile {
  path: string;
  name: string;
  sizeBytes: number;
}

/** No project yet: the page sets one once getProject answers. */
const NO_PROJECT: FormProject = { code: '', form: [], materials: [] };

/** Numbers the uploads of this launch: their ids and the `<n>` of their storage path. */
let uploadSeq = 0;

Component({
  behaviors: [elderMode],
  properties: {
    project: { type: Object, value: NO_PROJECT },
    /** household members to choose the applicant from; empty offers no choice */
    members: { type: Array, value: [] as MemberOption[] },
    /** answers shown at first (a resubmit after 打回), instead of a draft */
    initialAnswers: { type: Object, value: {} as Record<string, AnswerValue> },
    initialAttachments: { type: Array, value: [] as Array<AttachmentRef & { label: string }> },
    /** '' keeps no draft */
    draftKey: { type: String, value: '' },
    /** ask declaration.precheck before the final submit */
    checkable: { type: Boolean, value: true },
    submitting: { type: Boolean, value: false },
    submitText: { type: String, value: '提交申报' },
  },
  data: {
    state: EMPTY_STATE as FormState,
    touched: {} as Record<string, boolean>,
    /** problems of chosen files, by material */
    fileErrors: {} as Record<string, string>,
    /** the pre-check's problems of answers, by field */
    serverErrors: {} as Record<string, string>,
    busy: {} as Record<string, UploadingView[]>,
    fields: [] as ReturnType<typeof fieldViews>,
    materials: [] as ReturnType<typeof materialViews>,
    memberChoices: [] as MemberOption[],
    valid: false,
    pending: '',
    uploadingCount: 0,
    /** 'fill' while editing; 'checked' shows the pre-check and the final button */
    stage: 'fill' as 'fill' | 'checked',
    checking: false,
    rules: [] as RuleView[],
    eligible: false,
  },
  lifetimes: {
    attached() {
      if (this.data.project.code) this.start(this.data.project);
    },
  },
  observers: {
    project(project: FormProject) {
      if (project.code) this.start(project);
    },
  },
  methods: {
    /** The first state: the answers to correct, else the kept draft, else empty. */
    start(project: FormProject) {
      const { initialAnswers, initialAttachments, draftKey, members } = this.data;
      const draft = draftKey ? formDraft(draftKey).load() : null;
      const me = members.find((m) => m.isMe)?.memberId ?? members[0]?.memberId ?? '';
      let state: FormState;
      if (draft) state = { ...EMPTY_STATE, ...draft };
      else if (Object.keys(initialAnswers).length > 0 || initialAttachments.length > 0) {
        const files: Record<string, UploadedFile[]> = {};
        initialAttachments.forEach((a, i) => {
          files[a.materialKey] = [
            ...(files[a.materialKey] ?? []),
            { fileID: a.fileID, name: `${a.label}（${i + 1}）` },
          ];
        });
        state = { inputs: inputsOf(project.form, initialAnswers), files, applicantMemberId: me };
      } else state = { ...EMPTY_STATE, applicantMemberId: me };
      if (!members.some((m) => m.memberId === state.applicantMemberId)) state.applicantMemberId = me;
      // what is already filled shows its problems at once
      const touched: Record<string, boolean> = {};
      for (const [key, value] of Object.entries(state.inputs)) touched[key] = value !== '';
      for (const [key, list] of Object.entries(state.files)) touched[key] = list.length > 0;
      this.setData({
        memberChoices: members.length > 1 ? members : [],
        touched,
        fileErrors: {},
        serverErrors: {},
      });
      this.update(state, false);
    },
    /** Checks the form, shows the problems of touched fields and keeps the draft. */
    update(state: FormState, save = true) {
      const { project } = this.data;
      const check = checkForm(project.form, project.materials, state);
      const shown = {
        ...shownErrors(check.errors, this.data.touched),
        ...this.data.serverErrors,
        ...this.data.fileErrors,
      };
      const uploadingCount = Object.values(this.data.busy).reduce((n, list) => n + list.length, 0);
      this.setData({
        state,
        fields: fieldViews(project.form, state.inputs, shown),
        materials: materialViews(project.materials, state.files, this.data.busy, shown),
        valid: check.pending.length === 0 && uploadingCount === 0,
        pending: check.pending.join('、'),
        uploadingCount,
        stage: 'fill',
        rules: [],
      });
      if (save && this.data.draftKey) formDraft(this.data.draftKey).save(state);
    },
    setInput(key: string, value: FieldInput, touch: boolean) {
      const touched = touch ? { ...this.data.touched, [key]: true } : this.data.touched;
      const serverErrors = { ...this.data.serverErrors };
      delete serverErrors[key];
      this.setData({ touched, serverErrors });
      this.update({ ...this.data.state, inputs: { ...this.data.state.inputs, [key]: value } });
    },
    onInput(event: DataEvent<{ value: string }, FieldKey>) {
      const { key } = event.currentTarget.dataset;
      // a value typed in full is judged at once; half-typed text waits for the person to leave the field
      this.setInput(key, event.detail.value, Boolean(this.data.touched[key]));
    },
    onBlur(event: TapEvent<FieldKey>) {
      const { key } = event.currentTarget.dataset;
      this.setData({ touched: { ...this.data.touched, [key]: true } });
      this.update(this.data.state, false);
    },
    onOptionTap(event: TapEvent<FieldKey>) {
      const { key, value } = event.currentTarget.dataset;
      this.setInput(key, value ?? '', true);
    },
    onBooleanTap(event: TapEvent<FieldKey>) {
      const { key, value } = event.currentTarget.dataset;
      this.setInput(key, value === 'yes', true);
    },
    onDateChange(event: DataEvent<{ value: string }, FieldKey>) {
      this.setInput(event.currentTarget.dataset.key, event.detail.value, true);
    },
    onMemberTap(event: TapEvent<FieldKey>) {
      this.update({ ...this.data.state, applicantMemberId: event.currentTarget.dataset.value ?? '' });
    },

    materialOf(key: string): MaterialSpec | undefined {
      return this.data.project.materials.find((m) => m.key === key);
    },
    /** How many more files this material takes. */
    room(material: MaterialSpec): number {
      const used =
        (this.data.state.files[material.key] ?? []).length + (this.data.busy[material.key] ?? []).length;
      return Math.max(0, material.maxFiles - used);
    },
    onChooseImage(event: TapEvent<FieldKey>) {
      const material = this.materialOf(event.currentTarget.dataset.key);
      if (!material || this.room(material) === 0) return;
      wx.chooseMedia({
        count: this.room(material),
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        success: (res) =>
          this.addFiles(
            material,
            res.tempFiles.map((f) => ({ path: f.tempFilePath, name: f.tempFilePath, sizeBytes: f.size })),
          ),
      });
    },
    onChooseFile(event: TapEvent<FieldKey>) {
      const material = this.materialOf(event.currentTarget.dataset.key);
      if (!material || this.room(material) === 0) return;
      wx.chooseMessageFile({
        count: this.room(material),
        type: 'file',
        extension: material.accept.flatMap((kind) => [...MATERIAL_EXTENSIONS[kind]]),
        success: (res) =>
          this.addFiles(
            material,
            res.tempFiles.map((f) => ({ path: f.path, name: f.name, sizeBytes: f.size })),
          ),
      });
    },
    /** Refuses the files the material does not take, in plain words, and uploads the others. */
    addFiles(material: MaterialSpec, chosen: ChosenFile[]) {
      const problems = chosen.map((file) => materialFileProblem(material, file));
      const problem = problems.find((p) => p !== null) ?? null;
      const fileErrors = { ...this.data.fileErrors };
      if (problem) {
        fileErrors[material.key] = problem;
        wx.showToast({ title: problem, icon: 'none', duration: 2500 });
      } else delete fileErrors[material.key];
      this.setData({ fileErrors });
      const accepted = chosen.filter((_, i) => problems[i] === null).slice(0, this.room(material));
      if (accepted.length === 0) {
        this.update(this.data.state, false);
        return;
      }
      const userId = sessionUserId();
      if (!userId) {
        this.setData({
          fileErrors: { ...fileErrors, [material.key]: '暂时无法上传：账户信息还没有取得，请稍后重试' },
        });
        this.update(this.data.state, false);
        return;
      }
      for (const file of accepted) this.upload(material, file, userId);
    },
    async upload(material: MaterialSpec, file: ChosenFile, userId: string) {
      uploadSeq += 1;
      const id = `u${uploadSeq}`;
      const name = file.name.split('/').pop() ?? file.name;
      this.setBusy(material.key, (list) => [...list, { id, name, percent: 0 }]);
      try {
        const fileID = await uploadMaterial({
          userId,
          materialKey: material.key,
          filePath: file.path,
          ext: extensionOf(file.name),
          n: uploadSeq,
          onProgress: (percent) =>
            this.setBusy(material.key, (list) => list.map((u) => (u.id === id ? { ...u, percent } : u))),
        });
        this.setBusy(material.key, (list) => list.filter((u) => u.id !== id), false);
        const files = {
          ...this.data.state.files,
          [material.key]: [...(this.data.state.files[material.key] ?? []), { fileID, name }],
        };
        this.setData({ touched: { ...this.data.touched, [material.key]: true } });
        this.update({ ...this.data.state, files });
      } catch (error) {
        this.setBusy(material.key, (list) => list.filter((u) => u.id !== id), false);
        this.setData({ fileErrors: { ...this.data.fileErrors, [material.key]: errorMessage(error) } });
        this.update(this.data.state, false);
      }
    },
    setBusy(key: string, change: (list: UploadingView[]) => UploadingView[], refresh = true) {
      this.setData({ busy: { ...this.data.busy, [key]: change(this.data.busy[key] ?? []) } });
      if (refresh) this.update(this.data.state, false);
    },
    onRemoveFile(event: TapEvent<FieldKey>) {
      const { key, value } = event.currentTarget.dataset;
      const files = {
        ...this.data.state.files,
        [key]: (this.data.state.files[key] ?? []).filter((f) => f.fileID !== value),
      };
      this.setData({ touched: { ...this.data.touched, [key]: true } });
      this.update({ ...this.data.state, files });
    },

    /** The form as the contract takes it; null (every problem shown) while incomplete. */
    completed(): FormSubmit | null {
      const { project } = this.data;
      const check = checkForm(project.form, project.materials, this.data.state);
      if (check.pending.length > 0 || this.data.uploadingCount > 0) {
        const touched = { ...this.data.touched };
        for (const key of Object.keys(check.errors)) touched[key] = true;
        this.setData({ touched });
        this.update(this.data.state, false);
        return null;
      }
      const submit: FormSubmit = {
        answers: check.answers,
        attachments: attachmentsOf(this.data.state.files),
      };
      if (this.data.memberChoices.length > 0) submit.applicantMemberId = this.data.state.applicantMemberId;
      return submit;
    },
    /** 下一步: the pre-check when `checkable`, else the submit itself. */
    async onNext() {
      const form = this.completed();
      if (!form || this.data.checking || this.data.submitting) return;
      if (!this.data.checkable) {
        this.triggerEvent('submit', form);
        return;
      }
      this.setData({ checking: true });
      try {
        const result: PrecheckResponse = await precheck({
          code: this.data.project.code,
          answers: form.answers,
          ...(form.applicantMemberId ? { applicantMemberId: form.applicantMemberId } : {}),
        });
        this.setData({ checking: false });
        if (Object.keys(result.fieldErrors).length > 0) {
          this.setData({ serverErrors: result.fieldErrors });
          this.update(this.data.state, false);
          return;
        }
        this.setData({ stage: 'checked', rules: ruleViews(result.rules), eligible: result.eligible });
      } catch (error) {
        this.setData({ checking: false });
        showError(error);
      }
    },
    onBack() {
      this.setData({ stage: 'fill', rules: [] });
    },
    onConfirm() {
      const form = this.completed();
      if (form && !this.data.submitting) this.triggerEvent('submit', form);
    },
  },
});
