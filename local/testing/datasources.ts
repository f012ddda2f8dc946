// Data sources for resolver tests: scripted answers (what a DynamoDB data
// source hands the response handler, errors included), recording every
// request the resolver sends.
import type { DataSourceResult, Invoke } from '../runtime/types.js';

/**
 * A request object as the resolver sent it. Typed loosely on purpose: tests
 * read into it (requests[0].transactItems[1].key) without casting.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SentRequest = any;

export type Answer = DataSourceResult | ((request: SentRequest) => DataSourceResult | Promise<DataSourceResult>);

export interface ScriptedDataSource {
  invoke: Invoke;
  /** Request objects the resolver handed over, in order. */
  requests: SentRequest[];
}

/** Answers each request with the next answer in turn; past the last, with `fallback` ({ result: null }). */
export function scripted(answers: Answer[] = [], fallback: DataSourceResult = { result: null }): ScriptedDataSource {
  const queue = [...answers];
  const requests: SentRequest[] = [];
  return {
    requests,
    async invoke(request) {
      requests.push(request);
      const next = queue.shift() ?? fallback;
      return typeof next === 'function' ? next(request) : next;
    },
  };
}

export interface CancellationReason {
  type: string;
  message?: string | null;
  item?: Record<string, unknown>;
}

/**
 * DynamoDB answers as AppSync's DynamoDB data source reports them to the
 * response handler: ctx.error.type is `DynamoDB:<exception>`.
 */
export const dynamodb = {
  ok: (result: unknown): DataSourceResult => ({ result }),
  error: (exception: string, message = exception): DataSourceResult => ({ error: { type: `DynamoDB:${exception}`, message } }),
  /**
   * A failed condition under the Reject strategy ("Condition expressions ›
   * Handling a condition check failure"): ctx.error typed
   * DynamoDB:ConditionalCheckFailedException; `current`, when given, as ctx.result.
   */
  conditionFailed: (current?: Record<string, unknown> | null): DataSourceResult => ({
    ...(current === undefined ? {} : { result: current }),
    error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' },
  }),
  /**
   * A cancelled TransactWriteItems ("TransactWriteItems › Error handling"):
   * ctx.result carries keys: null and one cancellation reason per item, in
   * request order ('None' for items that did not fail).
   */
  transactionCanceled: (reasons: Array<string | CancellationReason>): DataSourceResult => {
    const list = reasons.map((r) => (typeof r === 'string' ? { type: r } : r));
    return {
      result: { keys: null, cancellationReasons: list.map((r) => ({ type: r.type, message: r.message ?? (r.type === 'None' ? null : `${r.type}`), ...(r.item ? { item: r.item } : {}) })) },
      error: {
        type: 'DynamoDB:TransactionCanceledException',
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${list.map((r) => r.type).join(', ')}]`,
      },
    };
  },
  /** A committed TransactWriteItems: the keys of the items written. */
  transactionWritten: (keys: unknown[] = []): DataSourceResult => ({ result: { keys, cancellationReasons: null } }),
};
