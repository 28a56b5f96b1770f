/** The draft of one declaration form (per project, or per declaration being corrected): stores/draft.ts. */
import { type KeptDraft, keptDraft } from '../../stores/draft';
import { type FormState, isEmptyState } from './model';

export const FORM_DRAFT_PREFIX = 'ykt.declarationDraft.';

export function formDraft(draftKey: string): KeptDraft<FormState> {
  return keptDraft<FormState>(`${FORM_DRAFT_PREFIX}${draftKey}`, isEmptyState);
}
