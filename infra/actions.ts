// The DynamoDB IAM actions a data source needs, read from what its resolver
// and function bundles actually send (`operation: "GetItem"` …), so the role
// grants exactly what is used and grows only when the code does.
import { isPipeline, type ApiDefinition } from '../local/definition.js';

/** AppSync request operation → the DynamoDB IAM actions it needs. */
const ACTIONS: Record<string, string[]> = {
  GetItem: ['dynamodb:GetItem'],
  PutItem: ['dynamodb:PutItem'],
  UpdateItem: ['dynamodb:UpdateItem'],
  DeleteItem: ['dynamodb:DeleteItem'],
  Query: ['dynamodb:Query'],
  Scan: ['dynamodb:Scan'],
  Sync: ['dynamodb:Query', 'dynamodb:Scan'],
  BatchGetItem: ['dynamodb:BatchGetItem'],
  BatchPutItem: ['dynamodb:BatchWriteItem'],
  BatchDeleteItem: ['dynamodb:BatchWriteItem'],
  TransactGetItems: ['dynamodb:GetItem'],
  // A transaction's members are authorized per action: each PutItem/UpdateItem/
  // DeleteItem/ConditionCheck inside needs its own permission.
  TransactWriteItems: [],
  ConditionCheck: ['dynamodb:ConditionCheckItem'],
};

const OPERATION = /\boperation\s*:\s*["'](\w+)["']/g;

/** Every AppSync DynamoDB operation named in a bundle (top level and inside transactions). */
export function operationsIn(bundle: string): Set<string> {
  const ops = new Set<string>();
  for (const m of bundle.matchAll(OPERATION)) ops.add(m[1]);
  return ops;
}

/** Code files whose requests go to this data source (unit resolvers and pipeline functions). */
export function codeFor(def: ApiDefinition, dataSource: string): string[] {
  const files = new Set<string>();
  for (const r of def.resolvers) if (!isPipeline(r) && r.dataSource === dataSource) files.add(r.code);
  for (const f of Object.values(def.functions)) if (f.dataSource === dataSource) files.add(f.code);
  return [...files].sort();
}

export function dynamoDbActions(def: ApiDefinition, dataSource: string, readBundle: (code: string) => string): string[] {
  const actions = new Set<string>();
  for (const code of codeFor(def, dataSource)) {
    const text = readBundle(code);
    // The built-in module's helpers (ddb.get, ddb.query …) build requests inside
    // AppSync where this scan cannot see them; refuse rather than under-grant.
    if (/@aws-appsync\/utils\/dynamodb/.test(text)) {
      throw new Error(`${code}: uses @aws-appsync/utils/dynamodb; write request objects so the IAM actions can be derived`);
    }
    const ops = operationsIn(text);
    for (const op of ops) {
      const mapped = ACTIONS[op];
      if (!mapped) throw new Error(`${code}: unknown DynamoDB operation "${op}"`);
      for (const a of mapped) actions.add(a);
    }
  }
  return [...actions].sort();
}

/**
 * AppSync request operation → the DynamoDB `Operation` dimension values its calls
 * are reported under in CloudWatch (ThrottledRequests, SystemErrors). Members of a
 * transaction (ConditionCheck …) are reported as the transaction.
 */
const METRIC_OPERATIONS: Record<string, string[]> = {
  GetItem: ['GetItem'],
  PutItem: ['PutItem'],
  UpdateItem: ['UpdateItem'],
  DeleteItem: ['DeleteItem'],
  Query: ['Query'],
  Scan: ['Scan'],
  Sync: ['Query', 'Scan'],
  BatchGetItem: ['BatchGetItem'],
  BatchPutItem: ['BatchWriteItem'],
  BatchDeleteItem: ['BatchWriteItem'],
  TransactGetItems: ['TransactGetItems'],
  TransactWriteItems: ['TransactWriteItems'],
  ConditionCheck: [],
};

/** The DynamoDB operations the bundles send to a table, as CloudWatch names them. */
export function dynamoDbMetricOperations(def: ApiDefinition, table: string, readBundle: (code: string) => string): string[] {
  const ops = new Set<string>();
  for (const [name, ds] of Object.entries(def.dataSources)) {
    if (ds.type !== 'AMAZON_DYNAMODB' || ds.table !== table) continue;
    for (const code of codeFor(def, name)) {
      for (const op of operationsIn(readBundle(code))) for (const m of METRIC_OPERATIONS[op] ?? []) ops.add(m);
    }
  }
  return [...ops].sort();
}
