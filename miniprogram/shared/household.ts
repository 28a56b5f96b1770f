/** Words for the household and its card, as residents and cadres say them (one place for both sides). */
import type { CardKind, Relation } from '../../typings/api';

/** 与户主关系, in the order a form offers them. */
export const RELATION_LABELS: Readonly<Record<Relation, string>> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};

/** A member's place in the household: 户主 or the relation to the head. */
export function memberRole(relation: Relation | 'head'): string {
  return relation === 'head' ? '户主' : RELATION_LABELS[relation];
}

export const CARD_KIND_LABELS: Readonly<Record<CardKind, string>> = {
  social_security: '社保卡',
  bank: '银行卡',
};
