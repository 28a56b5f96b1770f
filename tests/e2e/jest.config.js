/**
 * The end-to-end tests alone (`npm run test:e2e`): the e2e project of the root jest.config.js, run
 * on its own. The mini program in the browser preview (Debian's Chromium through playwright-core)
 * against a fresh local cloud.
 */
const path = require('node:path');
const root = require('../../jest.config.js');

module.exports = {
  ...root.projects.find((p) => p.displayName === 'e2e'),
  rootDir: path.resolve(__dirname, '../..'),
  // a browser, a local cloud and a build of the preview per file, on a shared two-core machine
  testTimeout: 120_000,
};
