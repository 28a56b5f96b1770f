/** 阳光审批: the home of this subpackage, listing its screens. */
import { elderMode } from '../../../behaviors/elder-mode';

Component({
  behaviors: [elderMode],
});
