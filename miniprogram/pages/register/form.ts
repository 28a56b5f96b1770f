/**
 * The registration form (实名注册) as plain data: what each field needs, checked with the same shared
 * validators the cloud function runs, so the person learns of a mistake as they type, not after sending.
 */
import type { RegisterRequest, Relation } from '../../../typings/api';
import { checkIdNumber } from '../../shared/idcard';
import { checkMobile, checkRealName } from '../../shared/validators';

export type HouseholdMode = 'head' | 'join';

export interface RegisterForm {
  name: string;
  idNumber: string;
  mobile: string;
  villageCode: string;
  /** 县 乡镇 村 as picked, to show without asking the cloud again */
  villageLabel: string;
  /** 新立户 (head) or 加入已有家庭 (join) */
  mode: HouseholdMode;
  headIdNumber: string;
  headName: string;
  relation: Relation | '';
}

export type Field = 'name' | 'idNumber' | 'mobile' | 'village' | 'headIdNumber' | 'headName' | 'relation';

export type FormErrors = Partial<Record<Field, string>>;
export type Touched = Partial<Record<Field, boolean>>;

export const EMPTY_FORM: RegisterForm = {
  name: '',
  idNumber: '',
  mobile: '',
  villageCode: '',
  villageLabel: '',
  mode: 'head',
  headIdNumber: '',
  headName: '',
  relation: '',
};

export const FIELD_LABELS: Readonly<Record<Field, string>> = {
  name: '真实姓名',
  idNumber: '身份证号码',
  mobile: '手机号码',
  village: '所在村（社区）',
  headIdNumber: '户主身份证号码',
  headName: '户主姓名',
  relation: '与户主关系',
};

/** Typed fields whose value is complete at this length: checked then, without waiting for the person to leave. */
const FULL_LENGTH: Partial<Record<Field, number>> = { idNumber: 18, mobile: 11, headIdNumber: 18 };

/** What the field keeps of what was typed: ID numbers upper-case without spaces, phone numbers without spaces. */
export function normalizeInput(field: Field, value: string): string {
  if (field === 'idNumber' || field === 'headIdNumber') return value.replace(/\s/g, '').toUpperCase();
  if (field === 'mobile') return value.replace(/\s/g, '');
  return value;
}

/** Whether typing this value counts as having touched the field. */
export function touchedByTyping(field: Field, value: string): boolean {
  const full = FULL_LENGTH[field];
  return full !== undefined && value.length >= full;
}

function idError(value: string, today: string, who: string): string | undefined {
  if (!value.trim()) return `请填写${who}身份证号码`;
  const result = checkIdNumber(value, today);
  return result.ok ? undefined : `${who}${result.reason}`;
}

/** Every problem of the form, field by field, in the words of the cloud function. `today` is Shanghai's. */
export function checkForm(form: RegisterForm, today: string): FormErrors {
  const errors: FormErrors = {
    name: checkRealName(form.name) ?? undefined,
    idNumber: idError(form.idNumber, today, ''),
    mobile: checkMobile(form.mobile) ?? undefined,
    village: form.villageCode ? undefined : '请选择所在村（社区）',
  };
  if (form.mode === 'join') {
    errors.headIdNumber = idError(form.headIdNumber, today, '户主');
    if (!errors.headIdNumber && !errors.idNumber && sameId(form.headIdNumber, form.idNumber)) {
      errors.headIdNumber = '加入家庭时，户主身份证号码不能是您本人的';
    }
    errors.headName = form.headName.trim() ? (checkRealName(form.headName) ?? undefined) : '请填写户主姓名';
    errors.relation = form.relation ? undefined : '请选择您与户主的关系';
  }
  for (const field of Object.keys(errors) as Field[]) if (!errors[field]) delete errors[field];
  return errors;
}

function sameId(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** The errors to show: only those of fields the person has touched. */
export function shownErrors(errors: FormErrors, touched: Touched): FormErrors {
  const shown: FormErrors = {};
  for (const field of Object.keys(errors) as Field[]) if (touched[field]) shown[field] = errors[field];
  return shown;
}

/** The fields still to fill in or correct, as the hint under the disabled button names them. */
export function pendingFields(errors: FormErrors): string[] {
  return (Object.keys(FIELD_LABELS) as Field[]).filter((f) => errors[f]).map((f) => FIELD_LABELS[f]);
}

/** Fields that hold something: a restored draft shows their problems at once. */
export function filledFields(form: RegisterForm): Touched {
  return {
    name: form.name !== '',
    idNumber: form.idNumber !== '',
    mobile: form.mobile !== '',
    village: form.villageCode !== '',
    headIdNumber: form.headIdNumber !== '',
    headName: form.headName !== '',
    relation: form.relation !== '',
  };
}

/** The request of user.register for a valid form. */
export function toRequest(form: RegisterForm): RegisterRequest {
  return {
    name: form.name.trim(),
    idNumber: form.idNumber.trim().toUpperCase(),
    mobile: form.mobile.trim(),
    villageCode: form.villageCode,
    household:
      form.mode === 'head' || !form.relation
        ? { mode: 'head' }
        : {
            mode: 'join',
            headIdNumber: form.headIdNumber.trim().toUpperCase(),
            headName: form.headName.trim(),
            relation: form.relation,
          },
  };
}
