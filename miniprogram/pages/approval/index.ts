/** 审批 tab (cadres and admins): the entry to the 阳光审批 screens in package-staff. */
import { defineStaffTab } from '../staff-tab';

defineStaffTab({
  tab: 'approval',
  screens: [
    {
      key: 'workbench',
      title: '阳光审批工作台',
      description: '待审队列、审核详情、批量审核、代办申报',
      url: '/package-staff/pages/index/index',
    },
  ],
});
