/**
 * Test rings: unit (no I/O), integration (real PostgreSQL + Redis), e2e (the built apps started as
 * processes, over HTTP), timescaledb (PGlite + TimescaleDB).
 */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@app/(common|persistence|batch|market-data|sqlite-import)$': '<rootDir>/libs/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,migrations}/**/*.spec.ts'],
      setupFiles: ['<rootDir>/test/setup/unit.setup.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,migrations,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/integration.global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/integration.global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/integration.global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/integration.global-teardown.ts',
    },
    {
      ...common,
      displayName: 'timescaledb',
      testMatch: ['<rootDir>/{apps,libs,migrations,test}/**/*.tsdb-spec.ts'],
    },
  ],
  testTimeout: 60_000,
};
