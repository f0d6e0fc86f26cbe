import { terraformBinary } from "../../scripts/tool-paths.cjs";

// cdktf runs `terraform version` at synth (DataResource validation) with the binary named by
// TERRAFORM_BINARY_NAME, read once when cdktf is first loaded: so this is imported before cdktf.
// The same binary as every Terraform step of the tests (DWS_DR_TF_BINARY, or the OpenTofu
// stand-in where no terraform is installed).
process.env.TERRAFORM_BINARY_NAME ??= terraformBinary().path;
