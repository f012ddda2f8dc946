// What an endpoint URL is, without loading the AWS SDK (the CLI decides
// whether to start the engine before the SDK has loaded).

/** The endpoint the AWS SDK's standard variables name, if any (service-specific one first). */
export function endpointFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL || undefined;
}

/** True when the URL points at AWS itself (then real credentials and the region are needed). */
export function isAwsEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return host.endsWith('.amazonaws.com') || host.endsWith('.amazonaws.com.cn') || host.endsWith('.api.aws');
}
