import { Testing } from "cdktf";
import { terraformBinary } from "../../scripts/tool-paths.cjs";

// Registers cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...).
Testing.setupJest();

// cdktf runs `terraform version` at synth (DataResource): the same binary as every Terraform
// step of the tests (DWS_DR_TF_BINARY, or the OpenTofu stand-in where no terraform is installed).
process.env.TERRAFORM_BINARY_NAME ??= terraformBinary().path;
