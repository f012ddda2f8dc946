// Contracts between the parts of the local server: the HTTP/GraphQL core
// (local/server/*), the real-time WebSocket endpoint (local/server/realtime/)
// and the console (local/server/console/).
import type { GraphQLSchema, GraphQLFormattedError } from 'graphql';
import type { AuthType } from '../definition.js';
import type { Identity } from '../runtime/types.js';

/** Headers as lower-case names. */
export type Headers = Record<string, string>;

export type AuthResult =
  | {
      ok: true;
      mode: AuthType;
      /** ctx.identity for this mode (null for API_KEY). */
      identity: Identity;
      /** Cognito/OIDC groups, for @aws_cognito_user_pools(cognito_groups: …). */
      groups: string[];
    }
  | {
      ok: false;
      /** HTTP status AppSync answers with (401 when no mode accepts the credentials). */
      status: number;
      /** AppSync's body for the refusal, e.g. { errors: [{ errorType: 'UnauthorizedException', message }] }. */
      body: { errors: Array<{ errorType: string; message: string }> };
    };

export interface AuthRequest {
  headers: Headers;
  /** For SigV4 verification. */
  method: string;
  path: string;
  body: string;
  /** TCP peer address (ctx.identity.sourceIp). */
  sourceIp?: string;
}

export interface Authenticator {
  authenticate(req: AuthRequest): Promise<AuthResult>;
}

export type Authenticated = Extract<AuthResult, { ok: true }>;

/** AppSync's GraphQL response body. */
export interface GraphQLResponseBody {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  auth: Authenticated;
  headers: Headers;
}

/** Emitted after a mutation field completes: the data its caller selected. */
export interface MutationEvent {
  mutationField: string;
  /** The mutation field's value as sent to the mutation's caller (its selection set). */
  payload: unknown;
}

/**
 * extensions.invalidateSubscriptions({ subscriptionField, payload }) from a
 * mutation's resolver: subscriptions on that field whose invalidation filter
 * matches the payload are ended.
 */
export interface InvalidationEvent {
  subscriptionField: string;
  payload: unknown;
}

export type SubscriptionStart =
  | {
      ok: true;
      subscriptionField: string;
      /** Mutation fields named in @aws_subscribe(mutations: […]). */
      mutations: string[];
      /** Arguments given to the subscription field (after variable coercion). */
      arguments: Record<string, unknown>;
      /** extensions.setSubscriptionFilter / setSubscriptionInvalidationFilter from the subscription resolver. */
      filter?: unknown;
      invalidationFilter?: unknown;
      /** Renders a mutation payload as this subscription's `data` (its selection set; missing fields null). */
      render(payload: unknown): GraphQLResponseBody;
    }
  | { ok: false; errors: GraphQLFormattedError[] };

/** What one operation did, for the request log line and --verbose. */
export interface RequestTrace {
  operationName: string | null;
  operationType: string | null;
  resolvers: number;
  dataSourceCalls: number;
  fields: Array<{
    path: string;
    resolver: string;
    logs: string[];
    invocations: Array<{ request: unknown; result: unknown; ms: number }>;
    error?: unknown;
    /** Where the error was raised, at the TypeScript source line (runtime FieldOutcome.errorAt). */
    errorAt?: string;
    ms: number;
  }>;
}

/** The GraphQL core, shared by the HTTP endpoint and the real-time endpoint. */
export interface GraphQLService {
  readonly schema: GraphQLSchema;
  /** Executes a query or mutation; status is the HTTP status AppSync would answer with. */
  execute(req: OperationRequest): Promise<{ status: number; body: GraphQLResponseBody; trace?: RequestTrace }>;
  /** Validates a subscription, checks field auth, runs its resolver (if any). */
  startSubscription(req: OperationRequest): Promise<SubscriptionStart>;
  /** Listens to completed mutation fields; returns an unsubscribe function. */
  onMutation(listener: (event: MutationEvent) => void): () => void;
  /** Listens to subscription invalidations requested by mutations; returns an unsubscribe function. */
  onInvalidation(listener: (event: InvalidationEvent) => void): () => void;
}
