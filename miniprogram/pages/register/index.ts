/**
 * 实名注册: real name, ID number, mobile, village and household, checked as the person types. The draft
 * stays on the phone until the registration succeeds (draft.ts); then the session is asked again so
 * that the home page and the tab bar know the account.
 */
import type { RegisterResponse, Relation } from '../../../typings/api';
import { elderMode } from '../../behaviors/elder-mode';
import { session } from '../../behaviors/session';
import type { VillagePick } from '../../components/village-picker/index';
import { showError } from '../../services/toast';
import { register } from '../../services/user';
import { RELATION_LABELS } from '../../shared/household';
import { shanghaiDay } from '../../shared/time';
import { loadSession, type SessionState } from '../../stores/session';
import type { DataEvent, TapEvent } from '../../types/events';
import { clearDraft, loadDraft, saveDraft } from './draft';
import {
  checkForm,
  EMPTY_FORM,
  type Field,
  type FormErrors,
  filledFields,
  type HouseholdMode,
  normalizeInput,
  pendingFields,
  type RegisterForm,
  shownErrors,
  type Touched,
  toRequest,
  touchedByTyping,
} from './form';

const RELATIONS = (Object.keys(RELATION_LABELS) as Relation[]).map((value) => ({
  value,
  label: RELATION_LABELS[value],
}));

Component({
  behaviors: [elderMode, session],
  data: {
    form: EMPTY_FORM,
    touched: {} as Touched,
    errors: {} as FormErrors,
    valid: false,
    /** the fields the disabled button still waits for */
    pending: '',
    relations: RELATIONS,
    pickerVisible: false,
    submitting: false,
    /** the answer of user.register, shown instead of the form */
    result: null as RegisterResponse | null,
    /** an account that is already registered has nothing to fill in here */
    registered: false,
  },
  observers: {
    session(state: SessionState) {
      this.setData({ registered: state.status === 'ready' && state.login.registered });
    },
  },
  lifetimes: {
    attached() {
      const draft = loadDraft();
      this.update(draft ?? EMPTY_FORM, draft ? filledFields(draft) : {}, false);
    },
  },
  methods: {
    /** Checks the form, shows the errors of touched fields and keeps the draft. */
    update(form: RegisterForm, touched: Touched, save = true) {
      const errors = checkForm(form, shanghaiDay(new Date()));
      const valid = Object.keys(errors).length === 0;
      this.setData({
        form,
        touched,
        errors: shownErrors(errors, touched),
        valid,
        pending: pendingFields(errors).join('、'),
      });
      if (save) saveDraft(form);
    },
    onInput(event: DataEvent<{ value: string }, { field: Field }>) {
      const { field } = event.currentTarget.dataset;
      const value = normalizeInput(field, event.detail.value);
      const touched = touchedByTyping(field, value)
        ? { ...this.data.touched, [field]: true }
        : this.data.touched;
      this.update({ ...this.data.form, [field]: value }, touched);
    },
    onBlur(event: TapEvent<{ field: Field }>) {
      const { field } = event.currentTarget.dataset;
      this.update(this.data.form, { ...this.data.touched, [field]: true }, false);
    },
    onModeTap(event: TapEvent<{ value: HouseholdMode }>) {
      this.update({ ...this.data.form, mode: event.currentTarget.dataset.value }, this.data.touched);
    },
    onRelationTap(event: TapEvent<{ value: Relation }>) {
      const relation = event.currentTarget.dataset.value;
      this.update({ ...this.data.form, relation }, { ...this.data.touched, relation: true });
    },
    onVillageOpen() {
      this.setData({ pickerVisible: true });
    },
    onVillageClose() {
      this.setData({ pickerVisible: false });
      this.update(this.data.form, { ...this.data.touched, village: true }, false);
    },
    onVillagePick(event: WechatMiniprogram.CustomEvent<VillagePick>) {
      const { code, label } = event.detail;
      this.setData({ pickerVisible: false });
      this.update(
        { ...this.data.form, villageCode: code, villageLabel: label },
        { ...this.data.touched, village: true },
      );
    },
    async onSubmit() {
      if (!this.data.valid || this.data.submitting) return;
      this.setData({ submitting: true });
      try {
        const result = await register(toRequest(this.data.form));
        clearDraft();
        this.setData({ result, submitting: false });
        // the home page, 我的 and the tab bar follow the session
        loadSession(true).catch(() => undefined);
      } catch (error) {
        this.setData({ submitting: false });
        showError(error);
      }
    },
    onGoHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },
    onGoMine() {
      wx.switchTab({ url: '/pages/mine/index' });
    },
  },
});
