/**
 * What the orchestrator (tools/load/run.ts) hands the load generator (tools/load/generator.ts, a
 * separate Node process) and what the generator answers on its stdout, as one JSON document.
 */

export interface GeneratorConfig {
  /** Base URL of the local cloud, e.g. `http://127.0.0.1:3900`: loopback only. */
  url: string;
  /** How long new work is started; calls in flight then finish. */
  durationMs: number;
  /** Concurrent virtual users. */
  users: number;
  /** Prefix of the openids of the households the generator registers (unique per run). */
  tag: string;
  /** The village of the fresh households, reviewed by `villageCadre` and `townshipCadre`. */
  villageCode: string;
  /** A verified resident with payments, declarations and notices (the demo's 罗勇). */
  resident: string;
  villageCadre: string;
  townshipCadre: string;
  supervisor: string;
  /** Declarations arranged before the run, waiting for the village review. */
  reviewable: string[];
  /** Year of payment.mine. */
  year: number;
  /** Seed of the generator's choices (the mix is random but repeatable). */
  seed: number;
}

export interface ActionFigures {
  calls: number;
  /** Answers per code: `ok`, an envelope error code, `HTTP <status>` or `NETWORK`. */
  codes: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ReviewAck {
  declarationId: string;
  /** The stage the review decided (`village_review`, `township_review`). */
  stage: string;
}

/** Every write the generator saw acknowledged (`ok: true`), by kind. */
export interface Acknowledged {
  /** tipoff.submit: tracking codes (the tip-off's id). */
  tipoffs: string[];
  /** user.register: user ids. */
  registrations: string[];
  /** user.verify (confirm): user ids. */
  verifications: string[];
  /** declaration.submit: declaration ids. */
  declarations: string[];
  reviews: ReviewAck[];
  /** user.readNotices: the notice ids asked to be marked read and how many the answer marked. */
  readNotices: Array<{ ids: string[]; marked: number }>;
}

export interface GeneratorReport {
  users: number;
  /** From the first call to the last answer. */
  wallMs: number;
  calls: number;
  /** Answers per second over the whole run. */
  throughput: number;
  actions: Record<string, ActionFigures>;
  codes: Record<string, number>;
  /** The first unexpected answers (anything but ok and RESOURCE_EXHAUSTED), for the report. */
  unexpected: Array<{ action: string; code: string; status: number; message: string }>;
  acknowledged: Acknowledged;
  /** Flows given up after too many RESOURCE_EXHAUSTED answers in a row. */
  abandoned: number;
}
