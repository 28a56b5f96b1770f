/** 监督 tab (supervisors and admins): the entry to the 纪检监察 screens in package-supervise. */
import { defineStaffTab } from '../staff-tab';

defineStaffTab({
  tab: 'supervise',
  screens: [
    {
      key: 'workbench',
      title: '工作台',
      description: '本辖区申报、审批、发放、举报的数据看板，可逐级查看和导出',
      url: '/package-supervise/pages/index/index',
    },
    {
      key: 'tipoffs',
      title: '举报件',
      description: '受理、办结、答复和转办本辖区的举报投诉',
      url: '/package-supervise/pages/tipoffs/index',
    },
    {
      key: 'overdue',
      title: '超期督办',
      description: '超过办理期限的申报和举报，按责任单位督办和约谈',
      url: '/package-supervise/pages/overdue/index',
    },
    {
      key: 'alerts',
      title: '存疑数据',
      description: '一人多户、一卡多户、超标准发放等风险提示的核查',
      url: '/package-supervise/pages/alerts/index',
    },
    {
      key: 'audit',
      title: '审计核验',
      description: '核验审计日志的哈希链是否完整',
      url: '/package-supervise/pages/audit/index',
    },
  ],
});
