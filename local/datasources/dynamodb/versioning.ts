// Fields of AppSync's versioned data sources (conflict detection / Delta Sync).
// The request type allows them, but the local server does not emulate
// versioning, so it says so instead of silently ignoring them.
import { MappingTemplateError } from './errors.js';
import type { Obj } from './validate.js';

export const VERSIONING_FIELDS = ['_version', 'customPartitionKey', 'populateIndexFields'] as const;

export function rejectVersioning(req: Obj): void {
  for (const f of VERSIONING_FIELDS) {
    if (req[f] !== undefined) {
      throw new MappingTemplateError(`'$[${f}]' needs a versioned data source (conflict detection), which the local server does not emulate.`);
    }
  }
}
