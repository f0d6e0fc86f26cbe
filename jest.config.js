// Two projects: the whole suite on cdktf, and the construct suite again on CDK Terrain (cdktn),
// the same source with "cdktf" resolved to cdktn at run time, as the ./cdktn flavour is built.
const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-jest.ts"],
};

/** @type {import('jest').Config} */
module.exports = {
  // Terraform runs and emulator-backed CLI runs take seconds, not milliseconds.
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    { ...common, displayName: "cdktf", testMatch: ["**/*.test.ts"] },
    {
      ...common,
      displayName: "cdktn",
      testMatch: ["<rootDir>/test/constructs/**/*.test.ts"],
      // null_resource comes from @cdktf/provider-null, whose classes are cdktf's: not on cdktn.
      // (Here the source's FRAMEWORK constant still says "cdktf"; the cdktn build's refusal of
      // null_resource is tested on the built flavour, in test/package.)
      testPathIgnorePatterns: ["/null-resource\\.test\\.ts$"],
      moduleNameMapper: {
        "^cdktf$": "cdktn",
        "^cdktf/(.*)$": "cdktn/$1",
      },
    },
  ],
};
