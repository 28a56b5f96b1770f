/**
 * The end-to-end tests: the mini program in the browser preview (Debian's Chromium through
 * playwright-core) against a fresh local cloud. `npx jest -c tests/e2e/jest.config.js`.
 */
const path = require('node:path');

const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } },
];

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  // Its local cloud's answers, log lines and audit entries are scanned for personal data at the end.
  globalSetup: '<rootDir>/tests/cloud/setup/trace-setup.ts',
  globalTeardown: '<rootDir>/tests/cloud/setup/trace-teardown.ts',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // a browser, a local cloud and a build of the preview per file, on a shared two-core machine
  testTimeout: 120_000,
};
