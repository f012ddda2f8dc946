// Shape checks for request objects, with AppSync's "$[a][b]" field paths, and
// the merging of expression names/values from several expressions of one call.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { MappingTemplateError, jsonType } from './errors.js';
import { toAttributeMap, type SdkItem } from './values.js';

export type Obj = Record<string, unknown>;

export const at = (path: string, field: string): string => `${path}[${field}]`;

export function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Rejects fields AppSync does not know for this operation. */
export function onlyFields(obj: Obj, allowed: readonly string[], path = '$'): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new MappingTemplateError(`Unsupported element '${at(path, k)}'.`);
  }
}

function wrongType(path: string, expected: string, v: unknown): never {
  throw new MappingTemplateError(`Expected ${expected} for field '${path}' but got '${jsonType(v)}' instead.`);
}

export function missing(path: string): never {
  throw new MappingTemplateError(`Value for field '${path}' not found.`);
}

export function objectField(obj: Obj, field: string, path: string, required: true): Obj;
export function objectField(obj: Obj, field: string, path: string, required?: false): Obj | undefined;
export function objectField(obj: Obj, field: string, path: string, required = false): Obj | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return required ? missing(at(path, field)) : undefined;
  return isObject(v) ? v : wrongType(at(path, field), 'JSON object', v);
}

export function stringField(obj: Obj, field: string, path: string, required: true): string;
export function stringField(obj: Obj, field: string, path: string, required?: false): string | undefined;
export function stringField(obj: Obj, field: string, path: string, required = false): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return required ? missing(at(path, field)) : undefined;
  return typeof v === 'string' ? v : wrongType(at(path, field), 'a string', v);
}

export function booleanField(obj: Obj, field: string, path: string): boolean | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : wrongType(at(path, field), 'a boolean', v);
}

export function integerField(obj: Obj, field: string, path: string): number | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isInteger(v) ? v : wrongType(at(path, field), 'an integer', v);
}

export function arrayField(obj: Obj, field: string, path: string, required = false): unknown[] | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return required ? missing(at(path, field)) : undefined;
  return Array.isArray(v) ? v : wrongType(at(path, field), 'a list', v);
}

export function enumField<T extends string>(obj: Obj, field: string, path: string, values: readonly T[]): T | undefined {
  const v = stringField(obj, field, path);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) {
    throw new MappingTemplateError(`Invalid value '${v}' for field '${at(path, field)}'; expected one of ${values.join(', ')}.`);
  }
  return v as T;
}

export function stringMap(obj: Obj, field: string, path: string): Record<string, string> | undefined {
  const m = objectField(obj, field, path);
  if (!m) return undefined;
  for (const [k, v] of Object.entries(m)) if (typeof v !== 'string') wrongType(at(at(path, field), k), 'a string', v);
  return m as Record<string, string>;
}

export function stringList(obj: Obj, field: string, path: string): string[] | undefined {
  const list = arrayField(obj, field, path);
  if (!list) return undefined;
  list.forEach((v, i) => typeof v !== 'string' && wrongType(`${at(path, field)}[${i}]`, 'a string', v));
  return list as string[];
}

/** A key (required) as an SDK attribute map. */
export function keyField(obj: Obj, path: string, field = 'key'): SdkItem {
  const v = obj[field];
  if (v === undefined || v === null) missing(at(path, field));
  const key = toAttributeMap(v, at(path, field));
  if (Object.keys(key).length === 0) throw new MappingTemplateError(`Field '${at(path, field)}' must not be empty.`);
  return key;
}

export interface Expression {
  expression: string;
  names?: Record<string, string>;
  values?: SdkItem;
}

/** `{ expression, expressionNames?, expressionValues? }` (values not allowed in projections). */
export function expressionField(
  obj: Obj,
  field: string,
  path: string,
  opts: { required?: boolean; values?: boolean; extra?: readonly string[] } = {},
): Expression | undefined {
  const e = opts.required ? objectField(obj, field, path, true) : objectField(obj, field, path);
  if (!e) return undefined;
  const p = at(path, field);
  const allowed = ['expression', 'expressionNames', ...(opts.values === false ? [] : ['expressionValues']), ...(opts.extra ?? [])];
  onlyFields(e, allowed, p);
  const expression = stringField(e, 'expression', p, true);
  const names = stringMap(e, 'expressionNames', p);
  const rawValues = opts.values === false ? undefined : objectField(e, 'expressionValues', p);
  const values = rawValues ? toAttributeMap(rawValues, at(p, 'expressionValues')) : undefined;
  return { expression, ...(names ? { names } : {}), ...(values ? { values } : {}) };
}

/** Expression placeholders of one DynamoDB call, merged from its expressions. */
export class Placeholders {
  private names: Record<string, string> = {};
  private values: Record<string, AttributeValue> = {};

  add(e: Expression | undefined): string | undefined {
    if (!e) return undefined;
    for (const [k, v] of Object.entries(e.names ?? {})) {
      if (k in this.names && this.names[k] !== v) {
        throw new MappingTemplateError(`Expression name '${k}' is defined twice with different values.`);
      }
      this.names[k] = v;
    }
    for (const [k, v] of Object.entries(e.values ?? {})) {
      if (k in this.values && JSON.stringify(this.values[k]) !== JSON.stringify(v)) {
        throw new MappingTemplateError(`Expression value '${k}' is defined twice with different values.`);
      }
      this.values[k] = v;
    }
    return e.expression;
  }

  /** The SDK fields; empty maps are left out because DynamoDB rejects them. */
  sdk(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** The request as AppSync sees it: serialized to JSON, so undefined fields vanish. */
export function normalizeRequest(request: unknown): Obj {
  const json = JSON.parse(JSON.stringify(request ?? null)) as unknown;
  if (!isObject(json)) throw new MappingTemplateError(`Expected JSON object for the request but got '${jsonType(json)}' instead.`);
  return json;
}
