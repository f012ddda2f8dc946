// What clients of a local engine sign with. Local engines accept any
// credentials; fixed ones keep clients from reading the user's profile. Kept
// apart from client.ts so starting the engine does not load the AWS SDK.
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';
