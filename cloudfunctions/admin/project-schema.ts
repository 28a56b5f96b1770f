/** The catalogue's shape, checked whenever an admin saves a project (and for the seeded ones). */
import * as z from 'zod/mini';
import type { Project } from '../../typings/api';
import { labelled, regionCode } from '../_shared/runtime/schemas';

const key = (label: string) => labelled(z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/)), label);
const text = (label: string, max: number) =>
  labelled(z.string().check(z.trim(), z.minLength(1), z.maxLength(max)), label);
const iso = (label: string) => labelled(z.iso.datetime(), label);

const ruleBase = {
  id: key('条件编号'),
  text: text('条件说明', 100),
  mandatory: labelled(z.boolean(), '是否必须满足'),
};

const rule = z.discriminatedUnion('kind', [
  z.object({
    ...ruleBase,
    kind: z.literal('min_age'),
    years: labelled(z.int().check(z.gte(0), z.lte(130)), '年龄'),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('max_age'),
    years: labelled(z.int().check(z.gte(0), z.lte(130)), '年龄'),
  }),
  z.object({ ...ruleBase, kind: z.literal('verified') }),
  z.object({ ...ruleBase, kind: z.literal('card_bound') }),
  z.object({ ...ruleBase, kind: z.literal('in_region'), regionCode: regionCode('地区') }),
  z.object({
    ...ruleBase,
    kind: z.literal('answer'),
    field: key('表单字段'),
    op: labelled(z.enum(['eq', 'in', 'gte', 'lte']), '比较方式'),
    value: labelled(
      z.union([
        z.string().check(z.maxLength(100)),
        z.number(),
        z.boolean(),
        z.array(z.string().check(z.maxLength(100))).check(z.maxLength(50)),
      ]),
      '比较值',
    ),
  }),
]);

const field = z.object({
  key: key('字段编号'),
  label: text('字段名称', 30),
  type: labelled(z.enum(['text', 'textarea', 'number', 'money', 'select', 'boolean', 'date']), '字段类型'),
  required: labelled(z.boolean(), '是否必填'),
  min: labelled(z.optional(z.number()), '最小值'),
  max: labelled(z.optional(z.number()), '最大值'),
  maxLength: labelled(z.optional(z.int().check(z.gte(1), z.lte(2000))), '最多字数'),
  options: labelled(
    z.optional(
      z
        .array(
          z.object({ value: z.string().check(z.minLength(1), z.maxLength(50)), label: text('选项', 50) }),
        )
        .check(z.maxLength(50)),
    ),
    '选项',
  ),
  unit: labelled(z.optional(z.string().check(z.maxLength(10))), '单位'),
  help: labelled(z.optional(z.string().check(z.maxLength(200))), '填写说明'),
});

const material = z.object({
  key: key('材料编号'),
  label: text('材料名称', 50),
  required: labelled(z.boolean(), '是否必须'),
  maxFiles: labelled(z.int().check(z.gte(1), z.lte(9)), '最多文件数'),
  accept: labelled(z.array(z.enum(['image', 'pdf'])).check(z.minLength(1)), '文件类型'),
  maxSizeKB: labelled(z.int().check(z.gte(10), z.lte(20_480)), '文件大小上限'),
  help: labelled(z.optional(z.string().check(z.maxLength(200))), '材料说明'),
});

const stage = z.object({
  key: labelled(z.enum(['village_review', 'township_review', 'publicity', 'county_approval']), '审批环节'),
  label: text('环节名称', 20),
  level: labelled(z.nullable(z.enum(['village', 'township', 'county'])), '办理层级'),
  deadlineDays: labelled(z.int().check(z.gte(1), z.lte(90)), '办理时限'),
  workingDays: labelled(z.boolean(), '是否按工作日计算'),
});

export const projectSchema = z
  .object({
    code: labelled(z.string().check(z.regex(/^[A-Z0-9_]{2,32}$/)), '项目编码'),
    name: text('项目名称', 50),
    department: text('主管部门', 50),
    summary: text('项目简介', 500),
    policyText: text('政策依据', 5000),
    documents: labelled(
      z
        .array(z.object({ title: text('文件名称', 100), number: z.string().check(z.maxLength(50)) }))
        .check(z.maxLength(20)),
      '政策文件',
    ),
    standard: labelled(
      z.object({
        amountFen: labelled(z.int().check(z.gte(0), z.lte(100_000_000)), '补贴标准金额'),
        unit: labelled(
          z.enum(['person_month', 'person_year', 'household_month', 'household_year', 'mu_year', 'once']),
          '计发单位',
        ),
        text: text('补贴标准说明', 100),
        demo: labelled(z.boolean(), '是否演示数据'),
        quantityField: labelled(
          z.optional(z.string().check(z.regex(/^[A-Za-z][\w]{0,39}$/))),
          '计发数量字段',
        ),
      }),
      '补贴标准',
    ),
    frequency: labelled(z.enum(['monthly', 'quarterly', 'yearly', 'once']), '发放频次'),
    eligibility: labelled(z.array(rule).check(z.maxLength(30)), '申报条件'),
    form: labelled(z.array(field).check(z.maxLength(40)), '申报表'),
    materials: labelled(z.array(material).check(z.maxLength(20)), '申报材料'),
    windows: labelled(
      z
        .array(
          z.object({
            period: labelled(z.string().check(z.regex(/^\d{4}(-[A-Z0-9]{1,3})?$/)), '申报期'),
            opensAt: iso('开放时间'),
            closesAt: iso('截止时间'),
          }),
        )
        .check(z.maxLength(24)),
      '开放时间段',
    ),
    chain: labelled(z.array(stage).check(z.minLength(1), z.maxLength(6)), '审批流程'),
    publicityDays: labelled(z.int().check(z.gte(0), z.lte(30)), '公示天数'),
    proxyAllowed: labelled(z.boolean(), '是否允许代办'),
    active: labelled(z.boolean(), '是否启用'),
  })
  .check(
    z.superRefine((p, ctx) => {
      const keys = new Set(p.form.map((f) => f.key));
      for (const r of p.eligibility) {
        if (r.kind === 'answer' && !keys.has(r.field))
          ctx.addIssue({ code: 'custom', message: `申报条件“${r.text}”引用了不存在的表单字段` });
      }
      for (const f of p.form) {
        if (f.type === 'select' && !f.options?.length)
          ctx.addIssue({ code: 'custom', message: `“${f.label}”是选择题，需要选项` });
      }
      for (const w of p.windows) {
        if (w.opensAt >= w.closesAt)
          ctx.addIssue({ code: 'custom', message: `申报期${w.period}的截止时间应晚于开放时间` });
      }
      if (new Set(p.form.map((f) => f.key)).size !== p.form.length)
        ctx.addIssue({ code: 'custom', message: '申报表的字段编号不能重复' });
    }),
  ) satisfies z.ZodMiniType<Project>;
