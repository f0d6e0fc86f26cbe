/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-jest.ts"],
  // Terraform runs and emulator-backed CLI runs take seconds, not milliseconds.
  testTimeout: 120000,
  maxWorkers: 2,
};
