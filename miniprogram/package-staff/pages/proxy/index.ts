/**
 * 代办申报: a cadre declares for an elderly or disabled resident of their area. Pick an open project that
 * allows 代办, identify the resident as on their ID card, say why, fill the same declaration form, and
 * send it with proxySubmit. No draft is kept: the data is the resident's, not the cadre's.
 */
import type { ProjectCard } from '../../../../typings/api';
import { elderMode } from '../../../behaviors/elder-mode';
import type { FormProject, FormSubmit } from '../../../components/declaration-form/types';
import { type SubmitResultView, submitResultView } from '../../../pages/declare/result';
import { getProject, listProjects, proxySubmit } from '../../../services/declaration';
import { errorMessage, showError } from '../../../services/toast';
import { shanghaiDay } from '../../../shared/time';
import type { DataEvent, TapEvent } from '../../../types/events';
import {
  type ApplicantField,
  type ApplicantForm,
  checkApplicant,
  EMPTY_APPLICANT,
  PROXY_REASONS,
} from './applicant';

Component({
  behaviors: [elderMode],
  data: {
    projects: [] as Array<Pick<ProjectCard, 'code' | 'name' | 'department'>>,
    loading: true,
    failure: '',
    /** the picked project, once getProject says it allows 代办 */
    project: null as FormProject | null,
    projectName: '',
    refusal: '',
    applicant: EMPTY_APPLICANT as ApplicantForm,
    touched: {} as Partial<Record<ApplicantField, boolean>>,
    errors: {} as Partial<Record<ApplicantField, string>>,
    reasons: PROXY_REASONS,
    submitting: false,
    result: null as SubmitResultView | null,
  },
  lifetimes: {
    async attached() {
      try {
        const cards = await listProjects();
        this.setData({
          projects: cards
            .filter((c) => c.open && c.proxyAllowed)
            .map(({ code, name, department }) => ({ code, name, department })),
        });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      } finally {
        this.setData({ loading: false });
      }
    },
  },
  methods: {
    async onPick(event: TapEvent<{ code: string }>) {
      this.setData({ project: null, refusal: '' });
      try {
        const project = await getProject(event.currentTarget.dataset.code);
        if (!project.proxyAllowed) {
          this.setData({ projectName: project.name, refusal: `${project.name}不能代办，请本人申报` });
          return;
        }
        this.setData({
          projectName: project.name,
          project: { code: project.code, form: project.form, materials: project.materials },
        });
      } catch (error) {
        showError(error);
      }
    },
    onChangeProject() {
      this.setData({ project: null, refusal: '', projectName: '' });
    },
    check(applicant: ApplicantForm, touched: Partial<Record<ApplicantField, boolean>>) {
      const all = checkApplicant(applicant, shanghaiDay(new Date()));
      const errors: Partial<Record<ApplicantField, string>> = {};
      for (const key of Object.keys(all) as ApplicantField[]) if (touched[key]) errors[key] = all[key];
      this.setData({ applicant, touched, errors });
      return Object.keys(all).length === 0;
    },
    onApplicantInput(event: DataEvent<{ value: string }, { field: 'idNumber' | 'name' }>) {
      const { field } = event.currentTarget.dataset;
      const raw = event.detail.value;
      const value = field === 'idNumber' ? raw.replace(/\s/g, '').toUpperCase() : raw;
      const complete = field === 'idNumber' && value.length >= 18;
      const touched = complete ? { ...this.data.touched, [field]: true } : this.data.touched;
      this.check({ ...this.data.applicant, [field]: value }, touched);
    },
    onApplicantBlur(event: TapEvent<{ field: ApplicantField }>) {
      this.check(this.data.applicant, { ...this.data.touched, [event.currentTarget.dataset.field]: true });
    },
    onReasonTap(event: TapEvent<{ value: ApplicantForm['reason'] }>) {
      this.check(
        { ...this.data.applicant, reason: event.currentTarget.dataset.value },
        { ...this.data.touched, reason: true },
      );
    },
    /** The form is complete; the resident's part must be too before anything is sent. */
    async onSubmit(event: WechatMiniprogram.CustomEvent<FormSubmit>) {
      const { project, applicant, submitting } = this.data;
      if (!project || submitting) return;
      const ok = this.check(applicant, { idNumber: true, name: true, reason: true });
      if (!ok || !applicant.reason) {
        wx.showToast({ title: '请先填好申报人信息', icon: 'none' });
        return;
      }
      this.setData({ submitting: true });
      try {
        const answer = await proxySubmit({
          code: project.code,
          applicantIdNumber: applicant.idNumber,
          applicantName: applicant.name.trim(),
          reason: applicant.reason,
          answers: event.detail.answers,
          attachments: event.detail.attachments,
        });
        this.setData({ submitting: false, result: submitResultView(answer) });
      } catch (error) {
        this.setData({ submitting: false });
        showError(error);
      }
    },
    onAnother() {
      this.setData({
        result: null,
        project: null,
        projectName: '',
        applicant: EMPTY_APPLICANT,
        touched: {},
        errors: {},
      });
    },
  },
});
