// What a frontend needs to reach the API — written by the local server
// (.appsync-local/frontend-config.json) and produced from the stack's outputs
// after `cdk deploy`, in the same shape, so switching is a matter of which file.
export type AuthModeName = 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'API_KEY' | 'OPENID_CONNECT';

export interface FrontendConfig {
  graphqlEndpoint: string;
  realtimeEndpoint: string;
  region: string;
  defaultAuthMode: AuthModeName;
  additionalAuthModes: AuthModeName[];
  userPoolId?: string;
  userPoolClientId?: string;
  apiKey?: string;
}

/** The stack's outputs (as `cdk deploy --outputs-file` writes them) → FrontendConfig. */
export function frontendConfigFromOutputs(outputs: Record<string, string>): FrontendConfig {
  return JSON.parse(outputs.FrontendConfig) as FrontendConfig;
}

const AMPLIFY_AUTH: Record<AuthModeName, string> = {
  AMAZON_COGNITO_USER_POOLS: 'userPool',
  AWS_IAM: 'iam',
  API_KEY: 'apiKey',
  OPENID_CONNECT: 'oidc',
};

/** Amplify JS v6 `Amplify.configure` input for this API. */
export function amplifyConfig(cfg: FrontendConfig) {
  return {
    ...(cfg.userPoolId && cfg.userPoolClientId
      ? { Auth: { Cognito: { userPoolId: cfg.userPoolId, userPoolClientId: cfg.userPoolClientId } } }
      : {}),
    API: {
      GraphQL: {
        endpoint: cfg.graphqlEndpoint,
        region: cfg.region,
        defaultAuthMode: AMPLIFY_AUTH[cfg.defaultAuthMode],
        ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
      },
    },
  };
}
