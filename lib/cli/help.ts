/** `dws-dr --help`. */
export const HELP_TEXT = `dws-dr: run Huawei Cloud GaussDB(DWS) disaster-recovery actions safely

Usage:
  dws-dr <start|pause|switchover|failover|recovery> [options]
  dws-dr status [options]            the DR's status, roles and RPO/RTO (every DR without an id)
  dws-dr plan <stack-dir> [--terraform-plan FILE] [--fail-on-drift] [--json]
                                     what an apply of a synthesized stack would do now, and
                                     drift; reads each DR once, sends nothing (dws-dr plan --help)
  dws-dr emulator [--host 127.0.0.1] [--port N|0] [--seed FILE] [--project-id ID]
                  [--access-key AK --secret-key SK] [--transition DURATION]
                                     a local DWS DR API for demos; prints one JSON ready line
  dws-dr --help | --version

Options (each also from DWS_DR_<OPTION>, e.g. DWS_DR_PROJECT_ID; flags win):
  --project-id ID               32-hex project id (also HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID)
  --disaster-recovery-id ID     the DR task's UUID
  --region REGION               e.g. cn-north-4 (also HW_REGION_NAME)
  --endpoint URL                instead of --region; http only to loopback
  --primary-cluster-id ID       switchover/failover (required): the cluster that must be primary
                                afterwards; sent only while it is the standby, so a re-run never
                                switches back
  --toggle                      switchover/failover instead of --primary-cluster-id: swap the
                                roles as they are now (run twice, it switches back)
  --confirm DR_ID               failover/recovery: required, the DR id, to accept the data loss
  --no-wait                     return once the service accepted the action
  --timeout DURATION            how long to wait for the target status (default 30m)
  --poll-interval DURATION      the longest gap between status reads (default 10s)
  --dry-run                     show the request (unsigned without credentials) and, with
                                credentials, what a real run would do; send nothing
  --json                        print one result object on stdout

Emulator options (demo values, not real credentials):
  --seed FILE                   serve the account and DRs of a JSON seed file
  --project-id ID               serve this project id instead of the seed's
  --access-key AK --secret-key SK
                                accept this fixed key pair (default: a random pair per start)
  --transition DURATION         how long starting, switchovering etc. last (default 1.5s)

Credentials come from the environment only: HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK
[/ HUAWEICLOUD_SDK_SECURITY_TOKEN], or HW_ACCESS_KEY / HW_SECRET_KEY [/ HW_SECURITY_TOKEN],
or an IAM token in HW_AUTH_TOKEN. They are sent only to Huawei Cloud's DWS domains
(*.myhuaweicloud.com/.eu/.cn) or loopback, unless DWS_DR_ALLOW_ENDPOINT_HOST names the host.

Exit codes: 0 done (also when already in the target state); 2 bad input or missing credentials
(nothing sent); 3 authentication or permission refused; 4 DR task not found; 5 refused in the
DR's current state, or the DR ended in a failed status; 6 timed out; 7 service or network error;
8 interrupted (SIGINT/SIGTERM; the message says what was sent and how to re-run).
`;
