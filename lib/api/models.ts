/** One side of a DR pair, as the detail API returns it (reference/dws-dr-api.md §3.1). */
export interface DisasterRecoveryCluster {
  readonly id?: string;
  readonly name?: string;
  readonly cluster_az?: string;
  readonly role?: string;
  readonly region?: string;
  readonly status?: string;
  readonly progress?: string;
  readonly last_success_time?: string;
  readonly obs_bucket_name?: string;
}

/** `GET /v2/{project_id}/disaster-recovery/{id}` → `disaster_recovery`. */
export interface DisasterRecoveryDetail {
  readonly id: string;
  readonly status: string;
  readonly name?: string;
  readonly dr_type?: string;
  readonly primary_cluster?: DisasterRecoveryCluster;
  readonly standby_cluster?: DisasterRecoveryCluster;
  readonly dr_sync_period?: string;
  readonly start_time?: string;
  readonly create_time?: string;
}

/** An item of `GET /v2/{project_id}/disaster-recoveries` (flat, §3.2). */
export interface DisasterRecoverySummary {
  readonly id: string;
  readonly status: string;
  readonly name?: string;
  readonly [field: string]: string | undefined;
}
