/** 达州一卡通. Starts the cloud (unless calling the local gateway) and asks who the user is. */
import { config } from './config';
import { loadSession } from './stores/session';

App({
  onLaunch() {
    if (config.transport === 'cloud') {
      wx.cloud.init({ ...(config.cloudEnv ? { env: config.cloudEnv } : {}), traceUser: true });
    }
    // the tab bar and the pages watch the session; the home page reports a failure
    loadSession().catch(() => undefined);
  },
});
