/** 审批 tab (cadres and admins): the entry to the 阳光审批 screens in package-staff. */
import { defineStaffTab } from '../staff-tab';

defineStaffTab({
  tab: 'approval',
  screens: [
    {
      key: 'queue',
      title: '审批待办',
      description: '待本级审核的申报，超期的排在前面',
      url: '/package-staff/pages/queue/index',
    },
    {
      key: 'publicity',
      title: '公示管理',
      description: '本辖区的公示名单和公示期',
      url: '/package-staff/pages/publicity/index',
    },
    {
      key: 'verify',
      title: '居民核验',
      description: '本村（乡镇）新注册居民的当面实名核验',
      url: '/package-staff/pages/verify/index',
    },
    {
      key: 'proxy',
      title: '代办申报',
      description: '为行动不便的高龄、残疾群众代为申报',
      url: '/package-staff/pages/proxy/index',
    },
    {
      key: 'workbench',
      title: '阳光审批工作台',
      description: '审批、公示、核验和代办的全部功能',
      url: '/package-staff/pages/index/index',
    },
  ],
});
