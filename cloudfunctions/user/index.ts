/** 用户：登录、实名注册、户与一卡通。 */
import { createFunction } from '../_shared/router';
import { login } from './login';

export const main = createFunction('user', { login });
