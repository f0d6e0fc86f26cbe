import {
  validateClusterId,
  validateDisasterRecoveryId,
  validateProjectId,
} from "../../lib/api/identifiers";

const DR_ID = "e59d6b86-9072-46eb-a996-13f8b44994c1";

describe("identifiers", () => {
  it("accepts an upper-case UUID and returns it in lower case", () => {
    expect(validateDisasterRecoveryId(DR_ID.toUpperCase())).toBe(DR_ID);
    expect(validateClusterId("A1B2C3D4-0000-4000-8000-00000000000F")).toBe(
      "a1b2c3d4-0000-4000-8000-00000000000f",
    );
  });

  it.each(["abc", `${DR_ID}/start`, `${DR_ID} `, "", "e59d6b86907246eba99613f8b44994c1"])(
    "refuses %p as a DR id, naming the value and the expected form",
    (id) => {
      expect(() => validateDisasterRecoveryId(id, "disaster recovery id")).toThrow(
        `disaster recovery id: "${id}" is not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
      );
    },
  );

  it("refuses a cluster id that is not a UUID, naming the option", () => {
    expect(() => validateClusterId("dws-primary", "primary cluster id")).toThrow(
      /^primary cluster id: "dws-primary" is not a cluster id \(expected a UUID/,
    );
  });

  it("keeps project ids strictly lower-case hex", () => {
    expect(() => validateProjectId("89CD04F168B84AF6BE287F71730FDB4B")).toThrow(/not a project id/);
  });
});
