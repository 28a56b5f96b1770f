/**
 * Test functions for the gateway, written as bundled functions are (`index.js` exporting `main`,
 * requiring the real wx-server-sdk) into a temporary folder outside the repo: the gateway's
 * NODE_PATH lets them find the repo's node_modules.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CollectionSpec } from '../../../database/manifest';

const HEADER = `'use strict';
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
`;

const FUNCTIONS: Record<string, { code: string; config?: unknown }> = {
  whoami: {
    code: `exports.main = async (event) => {
  await sleep(Math.floor(Math.random() * (event.maxDelay ?? 30)));
  const ctx = cloud.getWXContext();
  return { ok: true, data: { openid: ctx.OPENID ?? null, source: ctx.SOURCE ?? null, env: ctx.ENV ?? null, echo: event.echo ?? null } };
};`,
  },
  relay: {
    code: `exports.main = async (event) => {
  const caller = cloud.getWXContext().OPENID ?? null;
  const res = await cloud.callFunction({ name: event.target ?? 'whoami', data: event.data ?? {} });
  // After the nested call this instance must still see its own caller.
  const after = cloud.getWXContext().OPENID ?? null;
  return { ok: true, data: { caller, after, callee: res.result } };
};`,
  },
  dbwriter: {
    code: `exports.main = async (event) => {
  const db = cloud.database();
  for (let i = 0; i < (event.n ?? 1); i++) {
    await db.collection('gw_items').add({ data: { i, tag: event.tag ?? 'x' } });
  }
  return { ok: true, data: { written: event.n ?? 1 } };
};`,
  },
  sleepy: {
    code: `exports.main = async (event) => {
  await sleep(event.ms ?? 0);
  return { ok: true, data: { slept: event.ms ?? 0 } };
};`,
    config: { timeout: 1 },
  },
  crashy: {
    code: `exports.main = async (event) => {
  if (event.mode === 'throw') throw new Error('boom: secret detail');
  if (event.mode === 'uncaught') {
    setTimeout(() => { throw new Error('uncaught boom'); }, 5);
    return new Promise(() => {});
  }
  if (event.mode === 'exit') process.exit(3);
  return { ok: true, data: 'fine' };
};`,
  },
  ticker: {
    code: `const fs = require('node:fs');
exports.main = async (event) => {
  if (process.env.TICK_FILE) fs.appendFileSync(process.env.TICK_FILE, JSON.stringify(event) + '\\n');
  return { ok: true, data: { event, openid: cloud.getWXContext().OPENID ?? null } };
};`,
    config: { timeout: 5, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] },
  },
  clock: {
    code: `exports.main = async (event) => {
  const db = cloud.database();
  let stored = null;
  if (event.write) {
    const id = 'clock-' + Math.random().toString(36).slice(2);
    await db.collection('gw_items').add({ data: { _id: id, at: db.serverDate() } });
    stored = (await db.collection('gw_items').doc(id).get()).data.at;
  }
  return { ok: true, data: { now: new Date().toISOString(), nowMs: Date.now(), stored, event } };
};`,
    config: { timeout: 5, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] },
  },
  broken: {
    code: `exports.main = async (event) => {
  return { ok: true, data: 'unreachable' }
}}; // a syntax error, as a bad build would leave`,
  },
  filer: {
    code: `exports.main = async (event) => {
  try {
    if (event.action === 'upload') {
      const res = await cloud.uploadFile({ cloudPath: event.cloudPath, fileContent: Buffer.from(event.text, 'utf8') });
      return { ok: true, data: { fileID: res.fileID } };
    }
    if (event.action === 'url') {
      const res = await cloud.getTempFileURL({ fileList: [event.fileID] });
      return { ok: true, data: res.fileList[0] };
    }
    if (event.action === 'download') {
      const res = await cloud.downloadFile({ fileID: event.fileID });
      return { ok: true, data: { text: res.fileContent.toString('utf8') } };
    }
    if (event.action === 'delete') {
      const res = await cloud.deleteFile({ fileList: [event.fileID] });
      return { ok: true, data: res.fileList[0] };
    }
    return { ok: false, code: 'INVALID_ARGUMENT', message: 'unknown action' };
  } catch (err) {
    return { ok: false, code: 'FAILED_PRECONDITION', message: String(err.errMsg || err.message) };
  }
};`,
  },
};

/** Writes the test functions (all, or those named, with optional config.json overrides); returns the folder. */
export function writeTestFunctions(
  names: string[] = Object.keys(FUNCTIONS),
  configs: Record<string, unknown> = {},
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-test-functions-'));
  for (const name of names) {
    const fn = FUNCTIONS[name];
    if (!fn) throw new Error(`no test function ${name}`);
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'index.js'), HEADER + fn.code);
    const config = configs[name] ?? fn.config;
    if (config) fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify(config));
  }
  return dir;
}

/** A manifest with just what the test functions write. */
export const testCollections: CollectionSpec[] = [
  { name: 'gw_items', description: 'gateway tests', indexes: [] },
];
