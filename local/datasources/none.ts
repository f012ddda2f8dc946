// The NONE data source: ctx.result is the request's payload, nothing is called.
import type { DataSource } from './types.js';

export function createNoneDataSource(): DataSource {
  return {
    type: 'NONE',
    invoke: async (request) => {
      const payload = request && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
      // The request crosses a JSON boundary in AppSync: undefined becomes null, dates become strings.
      return { result: payload === undefined ? null : JSON.parse(JSON.stringify(payload)) };
    },
  };
}
