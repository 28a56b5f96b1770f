/** 审批 tab (cadres and admins): the entry to the 阳光审批 screens in package-staff. */
import { defineStaffTab } from '../staff-tab';

defineStaffTab({
  tab: 'approval',
  screens: [
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
      description: '待审队列、审核详情、批量审核',
      url: '/package-staff/pages/index/index',
    },
  ],
});
