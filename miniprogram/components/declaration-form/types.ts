/** What the declaration form takes from its page and what it hands back. */
import type { AnswerValue, AttachmentRef, FormField, MaterialSpec } from '../../../typings/api';

/** The part of a project the form needs (a GetProjectResponse will do). */
export interface FormProject {
  code: string;
  form: FormField[];
  materials: MaterialSpec[];
}

/** A household member the declaration may be for. */
export interface MemberOption {
  memberId: string;
  /** masked name and role: 李*（配偶） */
  label: string;
  isMe: boolean;
}

/** Detail of the `submit` event: a complete, checked form. */
export interface FormSubmit {
  answers: Record<string, AnswerValue>;
  attachments: AttachmentRef[];
  /** only when the page offered members to choose from */
  applicantMemberId?: string;
}
