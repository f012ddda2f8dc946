// The stack's knobs: the stage and every threshold, read from CDK context
// (`npx cdk deploy -c stage=prod -c wafRateLimit=2000`) over the typed defaults
// below. Values given with -c arrive as strings, so numbers and booleans are
// parsed here and a wrong value stops the synth with a message naming the key.
import type { Node } from 'constructs';
import { RemovalPolicy } from 'aws-cdk-lib';
import type { ApiDefinition } from '../local/definition.js';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];
export const MFA_MODES = ['OFF', 'OPTIONAL', 'REQUIRED'] as const;
export type Mfa = (typeof MFA_MODES)[number];

/**
 * Defaults, each with its reason. All are CDK context keys of the same name.
 */
export const DEFAULTS = {
  // dev, so that a deploy without -c never touches production: prod has to be
  // asked for by name, and a forgotten flag only updates a stack that can be thrown away.
  stage: 'dev' as Stage,
  // Requests per client IP per 5 minutes before WAF answers 429. 1000 is ~3.3 req/s
  // sustained: far above a person using a frontend (a screen makes a handful of
  // calls), while a script looping createItem is cut off within seconds of the
  // window filling. Raise it for many users behind one NAT (offices, carriers).
  wafRateLimit: 1000,
  // Days the API and WAF log groups keep events (a CloudWatch Logs retention value).
  logRetentionDays: 30,
  // The AppSync console's query editor signs in with its own app client (see
  // auth.ts), which allows USER_PASSWORD_AUTH: on in dev, off in prod unless
  // asked for with -c consoleClient=true.
  consoleClient: { dev: true, prod: false } as Record<Stage, boolean>,
  // Schema introspection: on in dev (consoles, codegen against the live API),
  // off in prod, where clients use the generated types instead.
  introspection: { dev: true, prod: false } as Record<Stage, boolean>,
  // Cognito MFA (TOTP only; SMS is not set up). OPTIONAL in both stages: users
  // may add an authenticator app, and REQUIRED would lock out every existing
  // user without one at their next sign-in. -c mfa=REQUIRED for a prod that
  // onboards users with TOTP from the start; -c mfa=OFF to switch it off.
  mfa: 'OPTIONAL' as Mfa,
  // Alarm thresholds; each alarm looks at 5-minute periods.
  /** 5XXError sum in one period. */
  alarmApi5xxErrors: 5,
  /** 4XXError as a percentage of requests, three periods in a row. */
  alarmApi4xxRatePercent: 10,
  /** p99 Latency in milliseconds, three periods in a row (resolvers here are single DynamoDB calls). */
  alarmApiLatencyP99Ms: 1000,
  /** DynamoDB ThrottledRequests (all operations the resolvers use) in one period: on-demand should never throttle. */
  alarmTableThrottledRequests: 1,
  /** DynamoDB SystemErrors (all operations the resolvers use) in one period. */
  alarmTableSystemErrors: 1,
};

/** CloudWatch Logs retention values (days), per the PutRetentionPolicy API reference. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export interface AlarmThresholds {
  api5xxErrors: number;
  api4xxRatePercent: number;
  apiLatencyP99Ms: number;
  tableThrottledRequests: number;
  tableSystemErrors: number;
}

export interface StackSettings {
  stage: Stage;
  /** prod keeps data (RETAIN, deletion protection); dev is destroyed whole by `cdk destroy`. */
  retainData: boolean;
  removalPolicy: RemovalPolicy;
  wafRateLimit: number;
  logRetentionDays: number;
  /** AppSync's per-request limits; default to the definition's, which the local server enforces. */
  queryDepthLimit?: number;
  resolverCountLimit?: number;
  consoleClient: boolean;
  introspection: boolean;
  mfa: Mfa;
  /** Subscribed to the alarm topic (-c alarmEmail=ADDRESS); no subscription without it. */
  alarmEmail?: string;
  alarms: AlarmThresholds;
}

function number(node: Node, key: string, fallback: number, check: (n: number) => boolean, rule: string): number {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new Error(`context ${key}=${String(raw)}: ${rule}`);
  return n;
}

function boolean(node: Node, key: string, fallback: boolean): boolean {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`context ${key}=${String(raw)}: must be true or false`);
}

function oneOf<T extends string>(node: Node, key: string, fallback: T, values: readonly T[]): T {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (!values.includes(raw as T)) throw new Error(`context ${key}=${String(raw)}: must be one of ${values.join(', ')}`);
  return raw as T;
}

/** A plausible address, so a typo stops the synth instead of a subscription that never confirms. */
function email(node: Node, key: string): string | undefined {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) throw new Error(`context ${key}=${String(raw)}: must be an email address`);
  return raw;
}

export function readStage(node: Node): Stage {
  const raw: unknown = node.tryGetContext('stage') ?? DEFAULTS.stage;
  if (!STAGES.includes(raw as Stage)) throw new Error(`context stage=${String(raw)}: must be one of ${STAGES.join(', ')}`);
  return raw as Stage;
}

const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
const nonNegative = (n: number) => n >= 0;

export function readSettings(node: Node, def: ApiDefinition): StackSettings {
  const stage = readStage(node);
  const retainData = stage === 'prod';
  return {
    stage,
    retainData,
    removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // AWS WAF API reference, RateBasedStatement.Limit: valid range 10 to 2,000,000,000.
    wafRateLimit: number(node, 'wafRateLimit', DEFAULTS.wafRateLimit, (n) => Number.isInteger(n) && n >= 10 && n <= 2e9, 'an integer from 10 to 2000000000'),
    logRetentionDays: number(node, 'logRetentionDays', DEFAULTS.logRetentionDays, (n) => RETENTION_DAYS.includes(n), `one of ${RETENTION_DAYS.join(', ')}`),
    // AppSync API reference, GraphqlApi: queryDepthLimit 0–75, resolverCountLimit 0–10000 (0 = no limit).
    queryDepthLimit: optional(number(node, 'queryDepthLimit', def.limits?.queryDepth ?? 0, (n) => Number.isInteger(n) && n >= 0 && n <= 75, 'an integer from 0 to 75')),
    resolverCountLimit: optional(number(node, 'resolverCountLimit', def.limits?.resolverCount ?? 0, (n) => Number.isInteger(n) && n >= 0 && n <= 10_000, 'an integer from 0 to 10000')),
    consoleClient: boolean(node, 'consoleClient', DEFAULTS.consoleClient[stage]),
    introspection: boolean(node, 'introspection', DEFAULTS.introspection[stage]),
    mfa: oneOf(node, 'mfa', DEFAULTS.mfa, MFA_MODES),
    alarmEmail: email(node, 'alarmEmail'),
    alarms: {
      api5xxErrors: number(node, 'alarmApi5xxErrors', DEFAULTS.alarmApi5xxErrors, positiveInt, 'a positive integer'),
      api4xxRatePercent: number(node, 'alarmApi4xxRatePercent', DEFAULTS.alarmApi4xxRatePercent, (n) => n > 0 && n <= 100, 'a percentage above 0, at most 100'),
      apiLatencyP99Ms: number(node, 'alarmApiLatencyP99Ms', DEFAULTS.alarmApiLatencyP99Ms, (n) => n > 0, 'milliseconds above 0'),
      tableThrottledRequests: number(node, 'alarmTableThrottledRequests', DEFAULTS.alarmTableThrottledRequests, nonNegative, 'a count, 0 or more'),
      tableSystemErrors: number(node, 'alarmTableSystemErrors', DEFAULTS.alarmTableSystemErrors, nonNegative, 'a count, 0 or more'),
    },
  };
}

/** 0 means "AppSync's own maximum": leave the property out. */
const optional = (n: number) => (n > 0 ? n : undefined);
