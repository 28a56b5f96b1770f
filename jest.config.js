/** Two projects: cloud code under Node, the mini program under jsdom + miniprogram-simulate. */
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
  ],
};
