// First, before anything loads cdktf: which binary cdktf's synth-time checks run.
import "./terraform-binary-env";
import { Testing } from "cdktf";

// Registers cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...).
Testing.setupJest();
