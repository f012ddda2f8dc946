// @aws-appsync/utils/rds ("Built-in modules › Amazon RDS module functions";
// "AWS AppSync JavaScript resolver function reference for Amazon RDS") and
// util.rds. Pure statement builders: they need no database, so the twin
// evaluates them as AppSync's EvaluateCode does. The pieces live in ./rds/:
//   statements.js     select, insert, update, remove, sql, create*Statement
//   select-clauses.js joins, GROUP BY, HAVING
//   where.js          condition objects (WHERE / HAVING)
//   identifiers.js    quoting, tables, aliases, column lists
//   context.js        placeholders :P0… and the variable maps
//   values.js         typeHint.*, agg.*, opaque statements
//   to-json-object.js toJsonObject
import { createMySQLStatement, createPgStatement, insert, remove, select, sql, update } from './rds/statements.js';
import { toJsonObject } from './rds/to-json-object.js';
import { agg, typeHint } from './rds/values.js';

export const rds = { sql, select, insert, update, remove, createPgStatement, createMySQLStatement, toJsonObject, typeHint, agg };

export const rdsUtil = { toJsonObject };
