/** The catalogue's shape, checked whenever an admin saves a project (and for the seeded ones). */
import { z } from 'zod';
import type { Project } from '../../typings/api';
import { regionCode } from '../_shared/schemas';

const key = (label: string) =>
  z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/)
    .describe(label);
const text = (label: string, max: number) => z.string().trim().min(1).max(max).describe(label);
const iso = (label: string) => z.iso.datetime().describe(label);

const ruleBase = {
  id: key('条件编号'),
  text: text('条件说明', 100),
  mandatory: z.boolean().describe('是否必须满足'),
};

const rule = z.discriminatedUnion('kind', [
  z.object({
    ...ruleBase,
    kind: z.literal('min_age'),
    years: z.number().int().min(0).max(130).describe('年龄'),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('max_age'),
    years: z.number().int().min(0).max(130).describe('年龄'),
  }),
  z.object({ ...ruleBase, kind: z.literal('verified') }),
  z.object({ ...ruleBase, kind: z.literal('card_bound') }),
  z.object({ ...ruleBase, kind: z.literal('in_region'), regionCode: regionCode('地区') }),
  z.object({
    ...ruleBase,
    kind: z.literal('answer'),
    field: key('表单字段'),
    op: z.enum(['eq', 'in', 'gte', 'lte']).describe('比较方式'),
    value: z
      .union([z.string().max(100), z.number(), z.boolean(), z.array(z.string().max(100)).max(50)])
      .describe('比较值'),
  }),
]);

const field = z.object({
  key: key('字段编号'),
  label: text('字段名称', 30),
  type: z.enum(['text', 'textarea', 'number', 'money', 'select', 'boolean', 'date']).describe('字段类型'),
  required: z.boolean().describe('是否必填'),
  min: z.number().optional().describe('最小值'),
  max: z.number().optional().describe('最大值'),
  maxLength: z.number().int().min(1).max(2000).optional().describe('最多字数'),
  options: z
    .array(z.object({ value: z.string().min(1).max(50), label: text('选项', 50) }))
    .max(50)
    .optional()
    .describe('选项'),
  unit: z.string().max(10).optional().describe('单位'),
  help: z.string().max(200).optional().describe('填写说明'),
});

const material = z.object({
  key: key('材料编号'),
  label: text('材料名称', 50),
  required: z.boolean().describe('是否必须'),
  maxFiles: z.number().int().min(1).max(9).describe('最多文件数'),
  accept: z
    .array(z.enum(['image', 'pdf']))
    .min(1)
    .describe('文件类型'),
  maxSizeKB: z.number().int().min(10).max(20_480).describe('文件大小上限'),
  help: z.string().max(200).optional().describe('材料说明'),
});

const stage = z.object({
  key: z.enum(['village_review', 'township_review', 'publicity', 'county_approval']).describe('审批环节'),
  label: text('环节名称', 20),
  level: z.enum(['village', 'township', 'county']).nullable().describe('办理层级'),
  deadlineDays: z.number().int().min(1).max(90).describe('办理时限'),
  workingDays: z.boolean().describe('是否按工作日计算'),
});

export const projectSchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z0-9_]{2,32}$/)
      .describe('项目编码'),
    name: text('项目名称', 50),
    department: text('主管部门', 50),
    summary: text('项目简介', 500),
    policyText: text('政策依据', 5000),
    documents: z
      .array(z.object({ title: text('文件名称', 100), number: z.string().max(50) }))
      .max(20)
      .describe('政策文件'),
    standard: z
      .object({
        amountFen: z.number().int().min(0).max(100_000_000).describe('补贴标准金额'),
        unit: z
          .enum(['person_month', 'person_year', 'household_month', 'household_year', 'mu_year', 'once'])
          .describe('计发单位'),
        text: text('补贴标准说明', 100),
        demo: z.boolean().describe('是否演示数据'),
        quantityField: z
          .string()
          .regex(/^[A-Za-z][\w]{0,39}$/)
          .optional()
          .describe('计发数量字段'),
      })
      .describe('补贴标准'),
    frequency: z.enum(['monthly', 'quarterly', 'yearly', 'once']).describe('发放频次'),
    eligibility: z.array(rule).max(30).describe('申报条件'),
    form: z.array(field).max(40).describe('申报表'),
    materials: z.array(material).max(20).describe('申报材料'),
    windows: z
      .array(
        z.object({
          period: z
            .string()
            .regex(/^\d{4}(-[A-Z0-9]{1,3})?$/)
            .describe('申报期'),
          opensAt: iso('开放时间'),
          closesAt: iso('截止时间'),
        }),
      )
      .max(24)
      .describe('开放时间段'),
    chain: z.array(stage).min(1).max(6).describe('审批流程'),
    publicityDays: z.number().int().min(0).max(30).describe('公示天数'),
    proxyAllowed: z.boolean().describe('是否允许代办'),
    active: z.boolean().describe('是否启用'),
  })
  .superRefine((p, ctx) => {
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
  }) satisfies z.ZodType<Project>;
