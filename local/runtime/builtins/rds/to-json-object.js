// toJsonObject (rds module) and util.rds.toJsonObject: the RDS Data API's
// ExecuteStatement answer as rows. Facts from AWS's recorded EvaluateCode
// answers (localstack/appsync-utils resolvers.test.js.snap, "rds resolvers
// toJsonObject …"), which differ from the "RDS helpers in util.rds" page:
// - the answer is one array per entry of sqlStatementResults (the page shows
//   the single statement's rows without the outer array);
// - a row is keyed by the column's label, else its name ("IS ACTIVE" wins
//   over is_active);
// - an isNull cell is left out of the row, not set to null;
// - array values become (nested) arrays, blobValue stays base64 text;
// - a result without records (INSERT, UPDATE…) gives [{}] ("toJsonObject insert
//   or update"), where the page and the d.ts say "an empty list".
// "AWS AppSync JavaScript resolver function reference for Amazon RDS ›
// Retrieving data": toJsonObject "returns null if the result value is invalid
// or unexpected" — text that is not JSON, a value that is not an object, an
// object without a sqlStatementResults array.
import { isPlain } from './values.js';

const SCALARS = ['stringValue', 'longValue', 'doubleValue', 'booleanValue', 'blobValue'];
const ARRAYS = ['stringValues', 'longValues', 'doubleValues', 'booleanValues'];

function arrayOf(a) {
  if (!isPlain(a)) return null;
  if (Array.isArray(a.arrayValues)) return a.arrayValues.map(arrayOf);
  for (const k of ARRAYS) if (Array.isArray(a[k])) return a[k];
  return null;
}

function cellValue(cell) {
  if (!isPlain(cell) || cell.isNull === true) return null;
  for (const k of SCALARS) if (k in cell) return cell[k];
  if ('arrayValue' in cell) return arrayOf(cell.arrayValue);
  return null;
}

function rowsOf(result) {
  if (!isPlain(result) || !Array.isArray(result.records)) return [{}];
  const meta = Array.isArray(result.columnMetadata) ? result.columnMetadata : [];
  return result.records.map((record) => {
    const row = {};
    (Array.isArray(record) ? record : []).forEach((cell, i) => {
      const m = meta[i];
      const key = isPlain(m) ? (m.label ?? m.name) : undefined;
      const v = cellValue(cell);
      if (key !== undefined && key !== null && v !== null && v !== undefined) row[key] = v;
    });
    return row;
  });
}

export function toJsonObject(data) {
  let parsed = data;
  if (typeof data === 'string') {
    try {
      parsed = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!isPlain(parsed) || !Array.isArray(parsed.sqlStatementResults)) return null;
  return parsed.sqlStatementResults.map(rowsOf);
}
