import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../../lib/api/version";

it("names the package and version of package.json in the User-Agent constants", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8"));
  expect({ PACKAGE_NAME, PACKAGE_VERSION }).toEqual({
    PACKAGE_NAME: pkg.name,
    PACKAGE_VERSION: pkg.version,
  });
});
