/** 监督工作台: the home of this subpackage. Its screens arrive with their features; until then it says what it will hold. */
import { elderMode } from '../../../behaviors/elder-mode';

Component({
  behaviors: [elderMode],
});
