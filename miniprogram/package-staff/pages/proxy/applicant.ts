/** 代办: the resident declared for, checked with the same validators as registration. Pure. */
import type { ProxyReason } from '../../../../typings/api';
import { checkIdNumber } from '../../../shared/idcard';
import { checkRealName } from '../../../shared/validators';

export interface ApplicantForm {
  idNumber: string;
  name: string;
  reason: ProxyReason | '';
}

export type ApplicantField = keyof ApplicantForm;

export const EMPTY_APPLICANT: ApplicantForm = { idNumber: '', name: '', reason: '' };

export const PROXY_REASONS: ReadonlyArray<{ value: ProxyReason; label: string }> = [
  { value: 'elderly', label: '高龄' },
  { value: 'disabled', label: '残疾' },
];

/** Every problem of the applicant's part; `today` is Shanghai's. */
export function checkApplicant(form: ApplicantForm, today: string): Partial<Record<ApplicantField, string>> {
  const errors: Partial<Record<ApplicantField, string>> = {};
  if (!form.idNumber.trim()) errors.idNumber = '请填写申报人身份证号码';
  else {
    const id = checkIdNumber(form.idNumber, today);
    if (!id.ok) errors.idNumber = id.reason;
  }
  const name = checkRealName(form.name);
  if (name) errors.name = name;
  if (!form.reason) errors.reason = '请选择代办原因';
  return errors;
}
