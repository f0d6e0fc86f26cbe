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

/** One cluster's backup or restore step in the progress body (reference/dws-dr-api.md §3.3). */
export interface ClusterRecoveryProgress {
  readonly key?: string;
  readonly action_type?: string;
  readonly unrestore_keys?: string;
  readonly action_start_time?: string;
  readonly action_end_time?: string;
}

/**
 * `GET /v1/{project_id}/disaster-recovery/{id}/show-progress` → `disaster_recovery_progress`.
 * The service says these values are "for reference only".
 */
export interface DisasterRecoveryProgress {
  readonly primary_cluster?: ClusterRecoveryProgress;
  readonly standby_cluster?: ClusterRecoveryProgress;
  /** The latest barrier (sync point) time. */
  readonly latest_barrier_time?: string;
  /** Seconds spent restoring the previous backup set. */
  readonly last_recovery_spend?: number;
  /** RPO, in seconds. */
  readonly recovery_point_object?: number;
  /** RTO, in seconds. */
  readonly recovery_time_object?: number;
}
