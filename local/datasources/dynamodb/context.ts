// What every operation gets: the transport to DynamoDB, the data source's table, the token key
// and the capacity hook — plus the common call wrapper that collects capacity.
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.js';
import type { DynamoDbTransport } from './transport/index.js';

export interface DynamoDbDataSourceOptions {
  transport: DynamoDbTransport;
  /** Physical name of the table this data source is attached to. */
  tableName: string;
  /** Key material for nextToken encryption (keep it per server; tokens die with it). */
  tokenSecret: Uint8Array;
  /** Called after each DynamoDB call with the capacity units it consumed (benchmarks). */
  onConsumedCapacity?: (operation: string, units: number) => void;
}

export type OperationContext = DynamoDbDataSourceOptions;

/** The capacity fields to add to an SDK input. */
export function capacityInput(ctx: OperationContext): { ReturnConsumedCapacity?: 'TOTAL' } {
  return ctx.onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' } : {};
}

export function reportCapacity(
  ctx: OperationContext,
  operation: string,
  consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
): void {
  if (!ctx.onConsumedCapacity || !consumed) return;
  const list = Array.isArray(consumed) ? consumed : [consumed];
  const units = list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  ctx.onConsumedCapacity(operation, units);
}

export type Operation = (ctx: OperationContext, request: Record<string, unknown>) => Promise<DataSourceResult>;
