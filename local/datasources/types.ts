// Contract of data sources as the server and runtime use them.
import type { DataSourceResult } from '../runtime/types.js';

export type { DataSourceResult };

export interface DataSource {
  readonly type: 'AMAZON_DYNAMODB' | 'NONE';
  /** Executes one request object in AppSync's format for this data source type. */
  invoke(request: unknown): Promise<DataSourceResult>;
}
