/** 监督 tab (supervisors and admins): the entry to the 纪检监察 screens in package-supervise. */
import { defineStaffTab } from '../staff-tab';

defineStaffTab({
  tab: 'supervise',
  screens: [
    {
      key: 'workbench',
      title: '监督工作台',
      description: '举报受理、超期督办、存疑数据、审计核验',
      url: '/package-supervise/pages/index/index',
    },
  ],
});
