/**
 * mingo, corrected where it answers differently from MongoDB (which CloudBase runs). The local cloud
 * evaluates every query, update, projection and pipeline through the classes exported here, whose
 * context holds mingo's operators with these in place of its own:
 *
 * - `$elemMatch` with a field condition (`{$elemMatch: {value: 5}}`, `{$elemMatch: {x: {$gte: 5}}}`):
 *   mingo also tests array elements that are plain values against it, so `[5]` matches; in MongoDB
 *   only embedded documents can meet a field condition.
 * - `$substr` / `$substrBytes` with a negative length: mingo throws; MongoDB takes the rest of the
 *   string (and a negative start gives the empty string).
 * - `$week`: mingo is a week ahead of MongoDB (weeks start on Sunday; the days before the year's first
 *   Sunday are week 0).
 *
 * mingo's main entry always puts its own operators first (`Context.from(CONTEXT, yours)` keeps the
 * first of two operators of one name), so the base classes are taken from its sub-path entries, which
 * TypeScript's `node` resolution cannot see: they are required, and typed from mingo's declarations.
 */
import { isPlainObject } from './keys';

type MingoCore = typeof import('mingo/types/core');
type MingoQueryModule = typeof import('mingo/types/query');
type MingoAggregatorModule = typeof import('mingo/types/aggregator');
type MingoUpdaterModule = typeof import('mingo/types/updater');
type MingoOptions = import('mingo/types/types').Options;
type Any = import('mingo/types/types').Any;
type OperatorTable = Record<`$${string}`, unknown>;

const core = require('mingo/core') as MingoCore;
const { Query: BaseQuery } = require('mingo/query') as MingoQueryModule;
const { Aggregator: BaseAggregator } = require('mingo/aggregator') as MingoAggregatorModule;
const updater = require('mingo/updater') as MingoUpdaterModule;
const accumulatorOps = require('mingo/operators/accumulator') as OperatorTable;
const expressionOps = require('mingo/operators/expression') as OperatorTable;
const pipelineOps = require('mingo/operators/pipeline') as OperatorTable;
const projectionOps = require('mingo/operators/projection') as OperatorTable;
const queryOps = require('mingo/operators/query') as OperatorTable;
const windowOps = require('mingo/operators/window') as OperatorTable;

type Predicate = (doc: Any) => boolean;
type QueryOp = (selector: string, value: Any, options: MingoOptions) => Predicate;
type ExpressionOp = (obj: Any, expr: Any, options: MingoOptions) => Any;

const mingoElemMatch = queryOps.$elemMatch as QueryOp;
const mingoSubstrBytes = expressionOps.$substrBytes as ExpressionOp;
const mingoDayOfYear = expressionOps.$dayOfYear as ExpressionOp;
const mingoDayOfWeek = expressionOps.$dayOfWeek as ExpressionOp;

/** Keys that mingo's `$elemMatch` applies to the element itself (any other key is a field condition). */
const appliesToElement = (k: string) => k.startsWith('$') && k !== '$and' && k !== '$or' && k !== '$nor';

/** True for an embedded document, false for a plain value: the `$type` of the element under test. */
const ELEMENT_IS_DOCUMENT = { $expr: { $eq: [{ $type: '$$ROOT' }, 'object'] } };

const elemMatch: QueryOp = (selector, value, options) => {
  const keys = isPlainObject(value) ? Object.keys(value) : [];
  if (keys.length === 0 || keys.every(appliesToElement)) return mingoElemMatch(selector, value, options);
  return mingoElemMatch(selector, { $and: [value, ELEMENT_IS_DOCUMENT] }, options);
};

const literal = (v: Any): Any => ({ $literal: v });

const substrBytes: ExpressionOp = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) return mingoSubstrBytes(obj, expr, options);
  const [s, index, count] = core.evalExpr(obj, expr, options) as [Any, Any, Any];
  if (typeof index === 'number' && index < 0) return '';
  const rest =
    typeof s === 'string' && typeof index === 'number' && typeof count === 'number' && count < 0
      ? Math.max(0, Buffer.byteLength(s, 'utf8') - index)
      : count;
  return mingoSubstrBytes(obj, [literal(s), literal(index), literal(rest)], options);
};

const week: ExpressionOp = (obj, expr, options) => {
  const dayOfYear = mingoDayOfYear(obj, expr, options);
  const dayOfWeek = mingoDayOfWeek(obj, expr, options);
  if (typeof dayOfYear !== 'number' || typeof dayOfWeek !== 'number') return null;
  // strftime's %U: (days since 1 January + 7 − weekday counted from Sunday = 0) / 7.
  return Math.floor((dayOfYear - 1 + 7 - (dayOfWeek - 1)) / 7);
};

const CONTEXT = core.Context.init({
  accumulator: accumulatorOps as never,
  expression: { ...expressionOps, $substr: substrBytes, $substrBytes: substrBytes, $week: week } as never,
  pipeline: pipelineOps as never,
  projection: projectionOps as never,
  query: { ...queryOps, $elemMatch: elemMatch } as never,
  window: windowOps as never,
});

/** Options for every mingo call: no scripts, and the corrected operators above. */
export const MINGO_OPTIONS = { scriptEnabled: false, context: CONTEXT };

export class Query extends BaseQuery {
  constructor(condition: Record<string, unknown>, options: Partial<MingoOptions> = {}) {
    super(condition, { ...MINGO_OPTIONS, ...options, context: CONTEXT });
  }
}

export class Aggregator extends BaseAggregator {
  constructor(pipeline: Record<string, unknown>[], options: Partial<MingoOptions> = {}) {
    super(pipeline as never, { ...MINGO_OPTIONS, ...options, context: CONTEXT });
  }
}

/** One document projected with a `field()` projection. */
export function projectOne(doc: Record<string, unknown>, projection: Record<string, unknown>): unknown {
  return new Query({}).find([doc], projection).all()[0];
}

/** mingo's updater with the corrected context: the paths it changed (empty: the document is unchanged). */
export function update(obj: Record<string, unknown>, modifier: Record<string, unknown>): string[] {
  return updater.update(obj, modifier as never, undefined, undefined, {
    cloneMode: 'deep',
    queryOptions: MINGO_OPTIONS,
  });
}
