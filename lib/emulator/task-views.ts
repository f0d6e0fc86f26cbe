import { ClusterSnapshot, TaskSnapshot } from "./emulator-state";

/** The detail body's task: `DisasterRecoveryQueryResp` (reference/dws-dr-api.md §3.1). */
export function detailView(task: TaskSnapshot): Record<string, unknown> {
  return {
    id: task.id,
    name: task.name,
    dr_type: task.drType,
    status: task.status,
    primary_cluster: clusterView(task.primaryCluster),
    standby_cluster: clusterView(task.standbyCluster),
    dr_sync_period: task.drSyncPeriod,
    start_time: formatTime(task.startedAt),
    create_time: formatTime(task.createdAt),
  };
}

/** A list item: the flat `DisasterRecovery` shape (reference §3.2), no nested clusters. */
export function listItemView(task: TaskSnapshot, projectId: string): Record<string, unknown> {
  const { primaryCluster: primary, standbyCluster: standby } = task;
  return {
    id: task.id,
    status: task.status,
    name: task.name,
    dr_type: task.drType,
    primary_cluster_id: primary.id,
    primary_cluster_name: primary.name,
    standby_cluster_id: standby.id,
    standby_cluster_name: standby.name,
    primary_cluster_role: primary.role,
    standby_cluster_role: standby.role,
    primary_cluster_status: primary.status,
    standby_cluster_status: standby.status,
    primary_cluster_region: primary.region,
    standby_cluster_region: standby.region,
    primary_cluster_project_id: projectId,
    standby_cluster_project_id: projectId,
    last_disaster_time: formatTime(primary.lastSuccessAt),
    start_time: formatTime(task.startedAt),
    create_time: formatTime(task.createdAt),
  };
}

/**
 * The progress body (reference §3.3). The service says its values are "for reference only";
 * these are plausible constants keyed to the last sync. [emulator choice]
 */
export function progressView(task: TaskSnapshot, now: number): Record<string, unknown> {
  const lastSync = task.primaryCluster.lastSuccessAt;
  const setKey = lastSync === undefined ? "N/A" : `backup-${lastSync}`;
  const step = (actionType: string) => ({
    key: setKey,
    action_type: actionType,
    unrestore_keys: "N/A",
    action_start_time: formatTime(lastSync),
    action_end_time: formatTime(lastSync),
  });
  return {
    primary_cluster: step("Backup"),
    standby_cluster: step("Restore"),
    latest_barrier_time: formatTime(lastSync),
    last_recovery_spend: lastSync === undefined ? 0 : 12,
    recovery_point_object: lastSync === undefined ? 0 : Math.round((now - lastSync) / 1000),
    recovery_time_object: lastSync === undefined ? 0 : 30,
  };
}

function clusterView(cluster: ClusterSnapshot): Record<string, unknown> {
  return {
    id: cluster.id,
    name: cluster.name,
    cluster_az: cluster.availabilityZone,
    role: cluster.role,
    region: cluster.region,
    status: cluster.status,
    progress: cluster.lastSuccessAt === undefined ? "0%" : "100%",
    last_success_time: formatTime(cluster.lastSuccessAt),
    obs_bucket_name: "",
  };
}

// `2023-03-27 20:16:34` (UTC), the form of the doc examples; empty when it never happened.
// [emulator choice]
function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined) return "";
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}
