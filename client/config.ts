// The frontend config file that both the CDK stack and the local server write
// (.appsync-local/frontend-config.json locally), and the client's auth choices.
// The file's shape is defined once, in infra/ (type-only: nothing from infra/
// ends up in a frontend bundle).
export type { AuthModeName, FrontendConfig } from '../infra/frontend-config.js';

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
