// What the client needs from the frontend config file that both the CDK stack
// and the local server write (.appsync-local/frontend-config.json locally).
// Structural on purpose: any object of that file's shape is accepted.

export type AuthModeName =
  | 'AMAZON_COGNITO_USER_POOLS'
  | 'AWS_IAM'
  | 'API_KEY'
  | 'OPENID_CONNECT'
  | 'AWS_LAMBDA';

export interface FrontendConfig {
  /** https://<id>.appsync-api.<region>.amazonaws.com/graphql, or the local server's URL. */
  graphqlEndpoint: string;
  /** wss://<id>.appsync-realtime-api.<region>.amazonaws.com/graphql, or the local one. */
  realtimeEndpoint: string;
  region: string;
  defaultAuthMode: AuthModeName | string;
  additionalAuthModes?: Array<AuthModeName | string>;
  userPoolId?: string;
  userPoolClientId?: string;
  apiKey?: string;
}

export interface IamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** How the client authenticates; one mode per client. */
export type ClientAuth =
  | { apiKey: string }
  /** A Cognito/OIDC token, or a function returning a fresh one (called per request). */
  | { jwt: string | (() => Promise<string>) }
  | { iam: IamCredentials | (() => Promise<IamCredentials>) };
