/**
 * Three projects: cloud code under Node, the mini program under jsdom + miniprogram-simulate, and
 * the mini program end to end in the browser preview.
 */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } },
];

module.exports = {
  // Cloud files start a local cloud and seed it; on a loaded two-core machine that takes seconds.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'cloud',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/cloud'],
      // Every answer, log line and audit entry of the run is scanned for personal data at the end.
      globalSetup: '<rootDir>/tests/cloud/setup/trace-setup.ts',
      globalTeardown: '<rootDir>/tests/cloud/setup/trace-teardown.ts',
      testPathIgnorePatterns: ['/tests/cloud/setup/'],
      transform: { '^.+\\.ts$': swc },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/miniprogram'],
      // tdesign's miniprogram_dist is ES modules: compile it like our own .ts
      transform: { '^.+\\.ts$': swc, '/miniprogram_npm/.+\\.js$': swc },
      moduleFileExtensions: ['ts', 'js', 'json'],
      // resolve like the platform does: miniprogram_npm beside node_modules
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      globalSetup: '<rootDir>/tests/miniprogram/setup/global-setup.ts',
      setupFiles: ['<rootDir>/tests/miniprogram/setup/shims.ts'],
    },
    {
      // The mini program in the browser preview, clicked through in Debian's Chromium (playwright-core).
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/e2e'],
      // Its local cloud's answers, log lines and audit entries join the personal-data scan.
      globalSetup: '<rootDir>/tests/cloud/setup/trace-setup.ts',
      globalTeardown: '<rootDir>/tests/cloud/setup/trace-teardown.ts',
      transform: { '^.+\\.ts$': swc },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
