/**
 * 审计核验: walks the hash-chained audit log from the first entry and says whether it is intact, or
 * which entry is the first one missing, altered or out of chain, and how many were checked.
 */
import { elderMode } from '../../../behaviors/elder-mode';
import { auditVerify } from '../../../services/supervision';
import { errorMessage } from '../../../services/toast';
import { shanghaiDateTime } from '../../../shared/time';
import { type AuditResult, auditResult } from './view';

Component({
  behaviors: [elderMode],
  data: {
    verifying: false,
    result: null as AuditResult | null,
    /** 核验于 2026-03-01 10:00 */
    at: '',
    failure: '',
  },
  methods: {
    async onVerify() {
      if (this.data.verifying) return;
      this.setData({ verifying: true, failure: '', result: null });
      try {
        const answer = await auditVerify();
        this.setData({ result: auditResult(answer), at: `核验于 ${shanghaiDateTime(new Date())}` });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      } finally {
        this.setData({ verifying: false });
      }
    },
  },
});
