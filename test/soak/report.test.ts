import { expectReportCurrent } from "../reliability/fault-matrix";

// The soak's recorded run (test/reliability/results/soak.json, written by
// `npm run soak -- --keep-going --record`) is what docs/reliability.md's soak section shows.
it("docs/reliability.md is what the recorded results render, the soak section included", async () => {
  await expectReportCurrent();
});
