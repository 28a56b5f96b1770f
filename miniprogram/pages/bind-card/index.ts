/**
 * 绑定/更换一卡通: the verified head chooses the kind, the bank, types the number (checked as typed) and
 * picks the holder among the household's members; a confirmation comes before the change.
 */
import type { CardKind, CardView, HouseholdResponse } from '../../../typings/api';
import { elderMode } from '../../behaviors/elder-mode';
import { session } from '../../behaviors/session';
import { confirm } from '../../services/confirm';
import { errorMessage, showError } from '../../services/toast';
import { bindCard, household } from '../../services/user';
import { CARD_KIND_LABELS, memberRole } from '../../shared/household';
import { loadSession, type SessionState, sessionState } from '../../stores/session';
import type { TapEvent } from '../../types/events';
import {
  BANKS,
  bankOf,
  type CardErrors,
  type CardField,
  type CardForm,
  cardNumberComplete,
  checkCardForm,
  digitsOf,
  luhnConfirmed,
  OTHER_BANK,
  toBindRequest,
} from './form';

interface HolderOption {
  memberId: string;
  label: string;
}

const KINDS = (Object.keys(CARD_KIND_LABELS) as CardKind[]).map((value) => ({
  value,
  label: CARD_KIND_LABELS[value],
}));

const EMPTY_CARD: CardForm = {
  kind: 'social_security',
  bankChoice: '',
  otherBank: '',
  cardNumber: '',
  holderMemberId: '',
};

/** Why this account may not bind a card, or '' when it may. */
function refusal(state: SessionState, home: HouseholdResponse | null): string {
  if (state.status !== 'ready' || !home) return '';
  if (!home.isHead) return '只有户主可以绑定或更换全家的一卡通';
  if (state.login.verification !== 'verified') return '实名核验通过后，户主才能绑定一卡通';
  return '';
}

Component({
  behaviors: [elderMode, session],
  data: {
    loading: true,
    refusal: '',
    replacing: false,
    kinds: KINDS,
    banks: [...BANKS, OTHER_BANK],
    otherBank: OTHER_BANK,
    holders: [] as HolderOption[],
    form: EMPTY_CARD,
    touched: {} as Partial<Record<CardField, boolean>>,
    errors: {} as CardErrors,
    cardOk: false,
    valid: false,
    submitting: false,
    result: null as CardView | null,
    resultText: '',
    home: null as HouseholdResponse | null,
  },
  observers: {
    session(state: SessionState) {
      this.setData({ refusal: refusal(state, this.data.home) });
    },
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      try {
        const home = await household();
        const me = home.members.find((m) => m.isMe);
        this.setData({
          home,
          loading: false,
          replacing: home.card !== null,
          refusal: refusal(sessionState(), home),
          holders: home.members.map((m) => ({
            memberId: m.memberId,
            label: `${m.maskedName}（${memberRole(m.relation)}）`,
          })),
        });
        this.update({ ...this.data.form, holderMemberId: me?.memberId ?? '' }, this.data.touched);
      } catch (error) {
        this.setData({ loading: false, refusal: errorMessage(error) });
        showError(error);
      }
    },
    update(form: CardForm, touched: Partial<Record<CardField, boolean>>) {
      const errors = checkCardForm(form);
      const shown: CardErrors = {};
      for (const field of Object.keys(errors) as CardField[])
        if (touched[field]) shown[field] = errors[field];
      this.setData({
        form,
        touched,
        errors: shown,
        cardOk: luhnConfirmed(form.cardNumber),
        valid: Object.keys(errors).length === 0,
      });
    },
    onKindTap(event: TapEvent<{ value: CardKind }>) {
      this.update({ ...this.data.form, kind: event.currentTarget.dataset.value }, this.data.touched);
    },
    onBankTap(event: TapEvent<{ value: string }>) {
      this.update(
        { ...this.data.form, bankChoice: event.currentTarget.dataset.value },
        { ...this.data.touched, bank: true },
      );
    },
    onOtherBankInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.update({ ...this.data.form, otherBank: event.detail.value }, this.data.touched);
    },
    onCardInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const cardNumber = event.detail.value;
      const touched = cardNumberComplete(cardNumber)
        ? { ...this.data.touched, cardNumber: true }
        : this.data.touched;
      this.update({ ...this.data.form, cardNumber }, touched);
    },
    onCardBlur() {
      this.update(this.data.form, { ...this.data.touched, cardNumber: true });
    },
    onHolderTap(event: TapEvent<{ value: string }>) {
      this.update(
        { ...this.data.form, holderMemberId: event.currentTarget.dataset.value },
        { ...this.data.touched, holder: true },
      );
    },
    async onSubmit() {
      if (!this.data.valid || this.data.submitting) return;
      const { form, replacing } = this.data;
      const holder = this.data.holders.find((h) => h.memberId === form.holderMemberId)?.label ?? '';
      const card = `${bankOf(form)} 尾号${digitsOf(form.cardNumber).slice(-4)}，持卡人${holder}`;
      const agreed = await confirm(
        replacing ? '确认更换一卡通' : '确认绑定一卡通',
        replacing
          ? `更换后，今后的补贴将发放到新卡：${card}。`
          : `绑定后，今后的补贴将发放到这张卡：${card}。`,
        replacing ? '确认更换' : '确认绑定',
      );
      if (!agreed) return;
      this.setData({ submitting: true });
      try {
        const { card: bound } = await bindCard(toBindRequest(form));
        this.setData({
          submitting: false,
          result: bound,
          resultText: `今后的补贴将发放到${bound.bank} ${CARD_KIND_LABELS[bound.kind]} ${bound.maskedNumber}（持卡人 ${bound.holderMaskedName}）`,
        });
        // the home page and 我的 show the card tail of the session
        loadSession(true).catch(() => undefined);
      } catch (error) {
        this.setData({ submitting: false });
        showError(error);
      }
    },
    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
