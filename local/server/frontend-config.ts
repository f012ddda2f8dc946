// The frontend config file for the local endpoint, in the shape the CDK outputs
// give for AWS, so a frontend switches between the two by file.
import type { ApiDefinition, AuthMode } from '../definition.js';
import type { LocalKeys } from './keys.js';

export interface FrontendConfig {
  region: string;
  graphqlEndpoint: string;
  realtimeEndpoint: string;
  defaultAuthMode: AuthMode['type'];
  additionalAuthModes: AuthMode['type'][];
  userPoolId?: string;
  userPoolClientId?: string;
  apiKey?: string;
}

export function frontendConfig(o: { def: ApiDefinition; url: string; realtimeUrl: string; keys: LocalKeys }): FrontendConfig {
  const modes = [o.def.auth.default, ...o.def.auth.additional].map((m) => m.type);
  return {
    region: o.keys.region,
    graphqlEndpoint: o.url,
    realtimeEndpoint: o.realtimeUrl,
    defaultAuthMode: o.def.auth.default.type,
    additionalAuthModes: o.def.auth.additional.map((m) => m.type),
    ...(modes.includes('AMAZON_COGNITO_USER_POOLS') ? { userPoolId: o.keys.userPoolId, userPoolClientId: o.keys.userPoolClientId } : {}),
    ...(modes.includes('API_KEY') ? { apiKey: o.keys.apiKey } : {}),
  };
}
