/** The page tests render tdesign from miniprogram_npm, as DevTools' 构建 npm lays it out: build it first. */
import { buildNpm } from '../../../tools/build-npm';

export default function globalSetup(): void {
  try {
    buildNpm();
  } catch (error) {
    throw new Error(
      `miniprogram/miniprogram_npm 构建失败（请运行 npm run build:npm）：${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
