// @aws-appsync/utils/rds and util.rds. Not yet implemented: each helper says so
// plainly instead of returning a wrong request.
import { unsupported } from './state.js';

function stubs(module, names) {
  const out = {};
  for (const n of names) {
    const [head, tail] = n.split('.');
    if (tail) {
      out[head] = out[head] || {};
      out[head][tail] = unsupported(`${module}.${n}`);
    } else out[head] = unsupported(`${module}.${n}`);
  }
  return out;
}

export const rds = stubs('@aws-appsync/utils/rds', [
  'sql', 'select', 'insert', 'update', 'remove', 'createPgStatement', 'createMySQLStatement', 'toJsonObject',
  'agg.avg', 'agg.avgDistinct', 'agg.count', 'agg.countDistinct', 'agg.max', 'agg.maxDistinct', 'agg.min', 'agg.minDistinct', 'agg.sum', 'agg.sumDistinct',
  'typeHint.DATE', 'typeHint.DECIMAL', 'typeHint.JSON', 'typeHint.TIME', 'typeHint.TIMESTAMP', 'typeHint.UUID',
]);

export const rdsUtil = { toJsonObject: unsupported('util.rds.toJsonObject') };
