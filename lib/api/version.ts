// Kept in step with package.json by test/api/version.test.ts; a constant keeps the bundled
// runtime free of a package.json lookup at start-up.
export const PACKAGE_NAME = "cdktf-dws-disaster-recovery";
export const PACKAGE_VERSION = "0.2.0";
