/**
 * The collection manifest: every collection, its indexes and its client security rule.
 * One source for the local cloud (which turns indexes into SQLite expression indexes and, in strict
 * mode, reports queries no index serves) and for the deploy script (CloudBase indexes and rules).
 */

export type IndexDirection = 1 | -1;

export interface IndexField {
  /** Dotted path into the document, e.g. `scope.regionCode`. */
  field: string;
  direction: IndexDirection;
}

export interface IndexSpec {
  name: string;
  fields: IndexField[];
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  /** What the collection holds, for the reader and the deploy report. */
  description: string;
  indexes: IndexSpec[];
  /** Indexes an earlier version declared that now stand in the way: the deploy drops them. */
  retiredIndexes?: string[];
}

/** Client security rule for every collection: only cloud functions read or write the database. */
export const DENY_ALL_RULE = { read: false, write: false } as const;

const asc = (field: string): IndexField => ({ field, direction: 1 });
const desc = (field: string): IndexField => ({ field, direction: -1 });

export const collections: CollectionSpec[] = [
  {
    name: 'users',
    description: '账号：openid、实名信息（加密）、核验状态、角色与范围',
    indexes: [
      { name: 'openid_unique', fields: [asc('openid')], unique: true },
      // Uniqueness of ID numbers is held by id_claims (staff records have no idHash).
      { name: 'idHash', fields: [asc('idHash')] },
      { name: 'village_verification', fields: [asc('villageCode'), asc('verification'), desc('createdAt')] },
      { name: 'staff', fields: [asc('isStaff'), asc('createdAt')] },
      // The accounts of a household, to whom its notices are delivered.
      { name: 'household', fields: [asc('householdId')] },
      // Accounts carrying audit entries the sealer has not moved into the log yet.
      { name: 'audit_riding', fields: [asc('auditRiding')] },
    ],
  },
  {
    name: 'households',
    description: '户：户主身份证号（加密+哈希）、成员、绑定的一卡通',
    indexes: [
      { name: 'headIdHash', fields: [asc('headIdHash')] },
      { name: 'village', fields: [asc('villageCode'), asc('createdAt')] },
      { name: 'cardHash', fields: [asc('card.numberHash')] },
      // A cadre's 代办 finds the resident among household members by the keyed hash of the ID number.
      { name: 'memberIdHash', fields: [asc('members.idHash')] },
    ],
  },
  {
    name: 'id_claims',
    description: '身份证号码占用：_id 为号码的密钥哈希，一个号码只能属于一个账号',
    indexes: [],
  },
  {
    name: 'calendar',
    description: '节假日安排：每年一份（_id 为 cal-年份），法定节假日与调休上班日、来源、版本',
    indexes: [{ name: 'year', fields: [asc('year')] }],
  },
  {
    name: 'system_alerts',
    description: '给管理员的系统提醒（如下一年节假日安排未录入）：每个事项一份，_id 固定',
    indexes: [{ name: 'kind_status', fields: [asc('kind'), asc('status')] }],
  },
  {
    name: 'regions',
    description: '行政区划：市、县（市、区）、乡镇（街道）、村（社区）',
    indexes: [
      { name: 'code_unique', fields: [asc('code')], unique: true },
      { name: 'parent', fields: [asc('parentCode'), asc('code')] },
      { name: 'level', fields: [asc('level'), asc('code')] },
    ],
  },
  {
    name: 'projects',
    description: '补贴项目目录：标准、申报条件、表单、材料、开放时间段、审批流程',
    indexes: [
      { name: 'code_unique', fields: [asc('code')], unique: true },
      { name: 'active', fields: [asc('active'), asc('code')] },
    ],
  },
  {
    name: 'declarations',
    description: '申报：申报人（脱敏）、表单、材料、申报条件结果、有效与否、所处环节与时限、流程记录',
    indexes: [
      { name: 'household', fields: [asc('householdId'), desc('submittedAt')] },
      { name: 'village_status', fields: [asc('villageCode'), asc('status'), asc('submittedAt')] },
      { name: 'project_period', fields: [asc('projectCode'), asc('period'), asc('status')] },
      { name: 'stage_due', fields: [asc('status'), asc('dueAt')] },
      // Returned for correction and not yet corrected: when the household is reminded.
      { name: 'remind', fields: [asc('remindAt')] },
      // 审批待办: what a level of cadres may act on, by village, oldest deadline first.
      { name: 'queue', fields: [asc('status'), asc('stageLevel'), asc('villageCode'), asc('dueAt')] },
      // 公示名单 of a village or township, newest notice first.
      { name: 'publicity', fields: [asc('publicity.villageCode'), desc('publicity.startsAt')] },
      // Deadlines counted before their year's holidays were entered: settled once the year is.
      { name: 'due_provisional', fields: [asc('dueProvisional.missingYear')] },
    ],
  },
  {
    name: 'declaration_locks',
    description: '每户每项目每期只能有一份在办申报：_id 为 户:项目:期',
    indexes: [{ name: 'household', fields: [asc('householdId')] }],
  },
  {
    name: 'tipoffs',
    description:
      '举报投诉：查询码、匿名查询密钥的哈希（匿名件不存任何身份）、类别、地区、项目、内容、办理状态',
    indexes: [
      { name: 'code_unique', fields: [asc('code')], unique: true },
      { name: 'region_status', fields: [asc('regionCode'), asc('status'), asc('createdAt')] },
      { name: 'reporter', fields: [asc('reporterUserId'), desc('createdAt')] },
      // A supervisor's list: the regions that handle it (multikey), newest first.
      { name: 'scope', fields: [asc('scopeCodes'), desc('createdAt')] },
      // Overdue acceptances and replies.
      { name: 'due', fields: [asc('status'), asc('dueAt')] },
      // Deadlines counted before their year's holidays were entered: settled once the year is.
      { name: 'due_provisional', fields: [asc('dueProvisional.missingYear')] },
      // Tip-offs carrying audit entries the sealer has not moved into the log yet.
      { name: 'audit_riding', fields: [asc('auditRiding')] },
    ],
  },
  {
    name: 'notifications',
    description: '给群众的办理进度通知（云端另发订阅消息）',
    indexes: [
      { name: 'household', fields: [asc('householdId'), desc('at')] },
      // What the scheduler still has to deliver beyond the app, oldest first.
      { name: 'push_queue', fields: [asc('push.state'), asc('at')] },
      { name: 'household_unread', fields: [asc('householdId'), asc('read')] },
    ],
  },
  {
    name: 'outbox',
    description: '本地云与测试：本应发出的订阅消息和短信（云端不用）',
    indexes: [{ name: 'to', fields: [asc('to'), asc('at')] }],
  },
  {
    name: 'payment_batches',
    description: '发放批次：项目、地区、期次、状态、明细数与金额合计',
    indexes: [
      // A finance office reads the batches of its region and below (scopeCodes holds every level above).
      { name: 'scope', fields: [asc('scopeCodes'), desc('createdAt')] },
      { name: 'key', fields: [asc('projectCode'), asc('regionCode'), asc('period'), asc('state')] },
      { name: 'resend', fields: [asc('resendOf'), asc('state')] },
    ],
  },
  {
    name: 'payment_lines',
    description: '发放明细：户、卡（加密）、金额、银行结果；_id 为 批次:户',
    indexes: [
      { name: 'batch_seq', fields: [asc('batchId'), asc('seq')] },
      { name: 'batch_state', fields: [asc('batchId'), asc('state'), asc('seq')] },
    ],
  },
  {
    name: 'paid_slots',
    description: '每户每项目每期的发放占位（批次中、已发、失败）：_id 为 户:项目:期，平台不会重复发放',
    // A batch withdrawn before export frees its places.
    indexes: [{ name: 'batch', fields: [asc('batchId'), asc('state')] }],
  },
  {
    name: 'payments',
    description: '到账记录（明白账）：平台批次与原平台台账，_id 批次为 B:户:项目:期，台账为 L:流水号哈希',
    indexes: [
      { name: 'household_year', fields: [asc('householdId'), asc('year'), desc('paidAt')] },
      { name: 'household_paid', fields: [asc('householdId'), asc('paidAt')] },
      { name: 'project_period', fields: [asc('projectCode'), asc('period')] },
      // The figures of a region for a year.
      { name: 'year_village', fields: [asc('year'), asc('villageCode')] },
      // The risk scan reads payments recorded since its last run.
      { name: 'created', fields: [asc('createdAt'), asc('_id')] },
    ],
  },
  {
    name: 'payment_imports',
    description: '银行回盘与台账导入：_id 含文件内容哈希，同一文件再导入不改变任何数据；分段进度',
    indexes: [{ name: 'started', fields: [asc('startedBy'), desc('startedAt')] }],
  },
  {
    name: 'alerts',
    description: '存疑数据：风险规则、涉及的记录、原因、核查结论；_id 为 规则:记录哈希，重扫不重复',
    indexes: [
      { name: 'scope', fields: [asc('scopeCodes'), asc('status'), desc('createdAt')] },
      { name: 'scope_time', fields: [asc('scopeCodes'), desc('createdAt')] },
    ],
  },
  {
    name: 'interviews',
    description: '约谈记录：被约谈单位、负责人（加密）、事由、时间、整改跟进',
    indexes: [{ name: 'scope', fields: [asc('scopeCodes'), desc('heldAt')] }],
  },
  {
    name: 'register_deaths',
    description: '死亡人员名单（导入）：_id 为身份证号的密钥哈希，只存脱敏姓名',
    indexes: [],
  },
  {
    name: 'register_staff_relatives',
    description: '干部及亲属备案名单（导入）：_id 为亲属身份证号的密钥哈希',
    indexes: [],
  },
  {
    name: 'audit_log',
    description: '审计日志：只追加；随改动写入，由调度任务封存入按对象划分的 16 条哈希链',
    indexes: [
      // 16 chains (lane 0's entries have no lane field). A position is unique within its lane by the
      // entry's _id (auditId); entries not sealed yet have no position.
      { name: 'lane_seq', fields: [asc('lane'), asc('seq')] },
      { name: 'target', fields: [asc('targetType'), asc('targetId'), asc('seq')] },
      { name: 'actor', fields: [asc('actorId'), asc('seq')] },
      { name: 'at', fields: [asc('at')] },
    ],
    // One chain's unique seq would refuse the same position in two lanes; a unique (lane, seq) would
    // refuse a second unsealed entry.
    retiredIndexes: ['seq_unique', 'lane_seq_unique'],
  },
  {
    name: 'region_stats',
    description:
      '数据看板的预先统计：每个乡镇每年一份，含各村注册用户、申报、审批、发放笔数与金额；调度任务逐乡镇重算',
    indexes: [{ name: 'year_township', fields: [asc('year'), asc('townshipCode')] }],
  },
  {
    name: 'meta',
    description: '系统元数据：审计链头、计数器、种子数据版本（仅按 _id 读写）',
    indexes: [],
  },
];

export function collectionNames(): string[] {
  return collections.map((c) => c.name);
}
