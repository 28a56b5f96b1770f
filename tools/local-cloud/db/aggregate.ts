/**
 * `aggregateDocuments`. The leading `$match` (with a directly following `$sort`, `$skip`, `$limit`)
 * runs through the planner like a query, so an index selects the source rows. A `$lookup` with
 * `localField`/`foreignField` fetches only the foreign documents it needs, through the foreign
 * collection's indexes, in batches. Every other stage (and a `$lookup` with a sub-pipeline) is
 * mingo's.
 */

import type { Doc } from './ejson';
import type { Engine, FindSpec } from './engine';
import { invalidParam } from './errors';
import { encodeKey, isPlainObject, pathValues } from './keys';
import { Aggregator } from './operators';
import type { SortSpec } from './planner';

const LOOKUP_BATCH = 500;

export function toSortSpec(value: unknown): SortSpec {
  if (!isPlainObject(value)) return [];
  return Object.entries(value).map(([field, dir]) => [field, Number(dir) < 0 ? -1 : 1]);
}

function stageOf(stage: Doc): [string, unknown] {
  const keys = Object.keys(stage);
  if (keys.length !== 1)
    throw invalidParam(`a pipeline stage has exactly one operator: ${JSON.stringify(keys)}`);
  return [keys[0]!, stage[keys[0]!]];
}

/** The leading stages that become one planned query, and the rest of the pipeline. */
function splitSource(pipeline: Doc[]): { spec: FindSpec; rest: Doc[] } {
  const spec: FindSpec = { filter: {}, sort: [], skip: 0 };
  let i = 0;
  const next = (name: string) => i < pipeline.length && stageOf(pipeline[i]!)[0] === name;
  if (next('$match') && isPlainObject(stageOf(pipeline[i]!)[1]))
    spec.filter = stageOf(pipeline[i++]!)[1] as Doc;
  if (next('$sort')) spec.sort = toSortSpec(stageOf(pipeline[i++]!)[1]);
  if (next('$skip')) spec.skip = Math.max(0, Number(stageOf(pipeline[i++]!)[1]) || 0);
  if (next('$limit')) spec.limit = Math.max(0, Number(stageOf(pipeline[i++]!)[1]) || 0);
  return { spec, rest: pipeline.slice(i) };
}

interface SimpleLookup {
  from: string;
  localField: string;
  foreignField: string;
  as: string;
}

function simpleLookup(stage: Doc): SimpleLookup | undefined {
  const [name, arg] = stageOf(stage);
  if (name !== '$lookup' || !isPlainObject(arg) || 'pipeline' in arg) return undefined;
  const { from, localField, foreignField, as } = arg;
  if (typeof from !== 'string' || typeof localField !== 'string') return undefined;
  if (typeof foreignField !== 'string' || typeof as !== 'string') return undefined;
  return { from, localField, foreignField, as };
}

function setTop(doc: Doc, path: string, value: unknown): Doc {
  const parts = path.split('.');
  const out: Doc = { ...doc };
  let cur = out;
  for (const part of parts.slice(0, -1)) {
    const child = isPlainObject(cur[part]) ? { ...(cur[part] as Doc) } : {};
    cur[part] = child;
    cur = child;
  }
  cur[parts[parts.length - 1]!] = value;
  return out;
}

/** `$lookup` by equality, fetching foreign documents with `$in` queries the planner can index. */
function runLookup(engine: Engine, docs: Doc[], lookup: SimpleLookup): Doc[] {
  const locals = docs.map((d) => pathValues(d, lookup.localField).values.map((v) => v ?? null));
  const wanted = new Map<string, unknown>();
  const keyOf = (v: unknown) => encodeKey(v ?? null).toString('hex');
  for (const values of locals) for (const v of values) wanted.set(keyOf(v), v);
  const values = [...wanted.values()];
  const foreign: Doc[] = [];
  for (let i = 0; i < values.length; i += LOOKUP_BATCH) {
    const batch = values.slice(i, i + LOOKUP_BATCH);
    const filter = { [lookup.foreignField]: { $in: batch } };
    for (const m of engine.find(lookup.from, { filter, sort: [], skip: 0 })) foreign.push(m.doc);
  }
  // Group foreign documents by each of their values at foreignField.
  const byValue = new Map<string, Doc[]>();
  for (const f of foreign) {
    const seen = new Set<string>();
    for (const v of pathValues(f, lookup.foreignField).values) {
      const k = keyOf(v);
      if (seen.has(k)) continue;
      seen.add(k);
      const list = byValue.get(k);
      if (list) list.push(f);
      else byValue.set(k, [f]);
    }
  }
  return docs.map((d, i) => {
    const joined = new Set<Doc>();
    for (const v of locals[i]!) for (const f of byValue.get(keyOf(v)) ?? []) joined.add(f);
    return setTop(d, lookup.as, [...joined]);
  });
}

export function runAggregate(engine: Engine, collection: string, pipeline: Doc[]): Doc[] {
  const { spec, rest } = splitSource(pipeline);
  let docs = engine.find(collection, spec).map((m) => m.doc);
  const options = {
    // Only a $lookup with a sub-pipeline gets here: it reads the whole foreign collection.
    collectionResolver: (name: string) => {
      engine.reportScan(name, `$lookup with a sub-pipeline from ${collection} reads all of ${name}`);
      return engine.find(name, { filter: {}, sort: [], skip: 0 }).map((m) => m.doc);
    },
  };
  let segment: Doc[] = [];
  const flush = () => {
    if (segment.length > 0) docs = new Aggregator(segment, options).run(docs) as Doc[];
    segment = [];
  };
  for (const stage of rest) {
    const lookup = simpleLookup(stage);
    if (lookup) {
      flush();
      docs = runLookup(engine, docs, lookup);
    } else {
      segment.push(stage);
    }
  }
  flush();
  return docs;
}
