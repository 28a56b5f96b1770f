/** 申报须知: who qualifies, the materials, the standard, the time limits and the policy; 我要申报 while open. */
import { elderMode } from '../../behaviors/elder-mode';
import { getProject } from '../../services/declaration';
import { errorMessage } from '../../services/toast';
import { type NoticeView, noticeView } from './view';

Component({
  behaviors: [elderMode],
  data: {
    notice: null as NoticeView | null,
    failure: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.load(query.code ?? '');
    },
    async load(code: string) {
      try {
        const notice = noticeView(await getProject(code));
        this.setData({ notice, failure: '' });
        wx.setNavigationBarTitle({ title: notice.name });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
    onDeclare() {
      const { notice } = this.data;
      if (notice?.open) wx.navigateTo({ url: `/pages/declare/form?code=${notice.code}` });
    },
  },
});
