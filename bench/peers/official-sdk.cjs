// The official-SDK peer of the cold-start bench: the same signed status GET through Huawei's Node
// SDK core (@huaweicloud/huaweicloud-sdk-core, a devDependency of the bench only), the way a
// generated service client calls it. Reads the same env as the runtime.
// Service clients (e.g. @huaweicloud/huaweicloud-sdk-dws) are built on these two files the same way.
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");

const env = process.env;
const client = new ClientBuilder((hcClient) => hcClient)
  .withCredential(
    new BasicCredentials()
      .withAk(env.HUAWEICLOUD_SDK_AK)
      .withSk(env.HUAWEICLOUD_SDK_SK)
      .withProjectId(env.DWS_DR_PROJECT_ID),
  )
  .withEndpoint(env.DWS_DR_ENDPOINT)
  .build();

client
  .sendRequest({
    method: "GET",
    url: "/v2/{project_id}/disaster-recovery/{disaster_recovery_id}",
    contentType: "application/json",
    queryParams: {},
    pathParams: { disaster_recovery_id: env.DWS_DR_DISASTER_RECOVERY_ID },
    headers: {},
  })
  .then((response) => {
    process.stdout.write(`${response.disaster_recovery.status}\n`);
  });
