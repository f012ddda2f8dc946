// AWS SDK v3 warns once per process that its releases after January 2027 need
// Node 22. Our pinned SDK runs on Node 20; the notice is noise in our output,
// so switch it off through the SDK's own documented variable (other warnings stay).
export function quietAwsSdk(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
