import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildFunction, functionNames } from '../../../tools/build-functions';

const repo = resolve(__dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'ykt-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * Loads the bundle in a separate Node process with only wx-server-sdk installed beside it, failing
 * if the bundle itself requires anything else, then calls it with an unknown action.
 */
const probe = `
const Module = require('node:module');
const { builtinModules } = Module;
const dir = process.argv[1];
const declared = Object.keys(require(dir + '/package.json').dependencies);
const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const fromBundle = parent && parent.filename === dir + '/index.js';
  const allowed = builtinModules.includes(request.replace(/^node:/, '')) || declared.includes(request);
  if (fromBundle && !allowed) throw new Error('bundle requires ' + request);
  return original.call(this, request, parent, ...rest);
};
require(dir + '/index.js').main({ action: 'no-such-action' }).then((r) => console.log(JSON.stringify(r)));
`;

test.each(functionNames())('%s bundles into a folder that runs with only its declared packages beside it', async (name) => {
  await buildFunction(name, out);
  const dir = join(out, name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // wx-server-sdk everywhere; a heavy library only where its config.json names it (exceljs for payment).
  const heavy = ['payment', 'supervision'].includes(name);
  expect(Object.keys(pkg.dependencies)).toEqual(heavy ? ['wx-server-sdk', 'exceljs'] : ['wx-server-sdk']);
  for (const version of Object.values(pkg.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  expect(config.timeout).toBeGreaterThanOrEqual(3);

  mkdirSync(join(dir, 'node_modules'));
  for (const dep of Object.keys(pkg.dependencies)) {
    symlinkSync(join(repo, 'node_modules', dep), join(dir, 'node_modules', dep));
  }
  const output = execFileSync(process.execPath, ['-e', probe, dir], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'http://127.0.0.1:9/admin' }),
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(JSON.parse(output.trim())).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: '不支持的操作' });
});
