/** The local cloud: the public API for `npm start`, tests and tools. */
export { DocumentStore } from './db';
export { CronError, type CronSchedule, cronMatches, nextCronTime, parseCron } from './gateway/cron';
export { MAX_FUNCTION_BODY_BYTES } from './gateway/envelope';
export type { Identity } from './gateway/instance';
export { type FunctionConfig, FunctionRegistry, type TimerTrigger } from './gateway/registry';
export { type TimerEvent, timerEvent } from './gateway/scheduler';
export { localWxCloud, type WxCloud } from './gateway/sdk-client';
export { type InvokeStats, type LocalCloud, type LocalCloudOptions, startLocalCloud } from './server';
export { cloudPathOf, FileStorage, fileIdFor } from './storage';
