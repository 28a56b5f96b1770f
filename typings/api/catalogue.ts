/** The subsidy catalogue (补贴项目目录): data, not code; admins maintain it with admin.upsertProject. */

/** How the standard is counted: 每人每月, 每人每年, 每户每月, 每户每年, 每亩每年, 一次性. */
export type StandardUnit =
  | 'person_month'
  | 'person_year'
  | 'household_month'
  | 'household_year'
  | 'mu_year'
  | 'once';

export interface Standard {
  /** Integer fen per unit. */
  amountFen: number;
  unit: StandardUnit;
  /** The standard in words, e.g. "每人每年600元，按月发放50元". */
  text: string;
  /** Figures that are not the official ones are marked 演示. */
  demo: boolean;
  /**
   * The declaration form's number field that multiplies the standard (persons for 每人, 亩 for 每亩),
   * e.g. `householdSize` or `area`; without it the standard is paid once per household (one person).
   */
  quantityField?: string;
}

export type PaymentFrequency = 'monthly' | 'quarterly' | 'yearly' | 'once';

interface RuleBase {
  /** Stable id within the project, e.g. `age80`. */
  id: string;
  /** The rule in plain words, e.g. "年满80周岁". */
  text: string;
  /** A failed mandatory rule makes the declaration invalid (kept and counted, not reviewed). */
  mandatory: boolean;
}

/** Machine-checkable eligibility rules (申报条件). */
export type EligibilityRule =
  | (RuleBase & { kind: 'min_age'; years: number })
  | (RuleBase & { kind: 'max_age'; years: number })
  | (RuleBase & { kind: 'verified' })
  | (RuleBase & { kind: 'card_bound' })
  | (RuleBase & { kind: 'in_region'; regionCode: string })
  | (RuleBase & {
      kind: 'answer';
      field: string;
      op: 'eq' | 'in' | 'gte' | 'lte';
      value: string | number | boolean | string[];
    });

export type FieldType = 'text' | 'textarea' | 'number' | 'money' | 'select' | 'boolean' | 'date';

export type AnswerValue = string | number | boolean;

/** One field of a project's form; `money` answers are integer fen. */
export interface FormField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: Array<{ value: string; label: string }>;
  /** Shown after the input, e.g. 亩, 人. */
  unit?: string;
  help?: string;
}

export type MaterialKind = 'image' | 'pdf';

/** A material to upload (申报材料). */
export interface MaterialSpec {
  key: string;
  label: string;
  required: boolean;
  maxFiles: number;
  accept: MaterialKind[];
  maxSizeKB: number;
  help?: string;
}

/** An open window (开放时间段) and the period it declares for. */
export interface DeclarationWindow {
  /** e.g. `2026` or `2026-H2`. */
  period: string;
  /** ISO 8601 UTC. */
  opensAt: string;
  closesAt: string;
}

export type StageKey = 'village_review' | 'township_review' | 'publicity' | 'county_approval';

/** One stage of the approval chain (审批流程) with its deadline. */
export interface StageSpec {
  key: StageKey;
  label: string;
  /** Who acts: cadres of this level; null for the public notice, which ends by time. */
  level: 'village' | 'township' | 'county' | null;
  deadlineDays: number;
  /** Deadline counted in working days (official holiday calendar) instead of calendar days. */
  workingDays: boolean;
}

export interface Project {
  code: string;
  name: string;
  /** 主管部门 */
  department: string;
  summary: string;
  /** 政策依据 in plain text. */
  policyText: string;
  documents: Array<{ title: string; number: string }>;
  standard: Standard;
  frequency: PaymentFrequency;
  eligibility: EligibilityRule[];
  form: FormField[];
  materials: MaterialSpec[];
  windows: DeclarationWindow[];
  chain: StageSpec[];
  publicityDays: number;
  /** Whether a cadre may declare on an elderly or disabled resident's behalf (代办). */
  proxyAllowed: boolean;
  active: boolean;
}

export interface UpsertProjectRequest {
  project: Project;
}

export interface UpsertProjectResponse {
  code: string;
  version: number;
  created: boolean;
}
