// Resolves CloudFormation intrinsic functions within one template, as
// CloudFormation would at deploy time, with local values for what only a
// deployment knows. AWS: CloudFormation User Guide, "Intrinsic function
// reference" (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split,
// Fn::If) and "Pseudo parameters reference".
import { fail } from './errors.js';

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
}

export interface IntrinsicContext {
  resources: Record<string, Resource>;
  parameters: Record<string, { Default?: unknown }>;
  conditions: Record<string, unknown>;
  region: string;
  accountId: string;
  stackName: string;
  /** Ref of a resource: its local physical id (a table's local name), else the logical id. */
  ref(logicalId: string): string;
  /** Fn::GetAtt of a resource attribute the twin knows, else undefined (a placeholder is used). */
  getAtt(logicalId: string, attribute: string): unknown;
  /** The template file, for error locations. */
  file: string;
}

/** Marks a property that no value exists for (AWS::NoValue): the property is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

function pseudo(name: string, ctx: IntrinsicContext): unknown {
  switch (name) {
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::StackName':
      return ctx.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${ctx.stackName}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

function refOf(name: string, ctx: IntrinsicContext, at: string): unknown {
  const p = pseudo(name, ctx);
  if (p !== undefined) return p;
  if (ctx.resources[name]) return ctx.ref(name);
  const param = ctx.parameters[name];
  if (param) {
    if (param.Default === undefined) fail({ file: ctx.file, logicalId: at, message: `Ref to parameter "${name}", which has no Default: the twin deploys nothing and cannot ask for it` });
    return param.Default;
  }
  return fail({ file: ctx.file, logicalId: at, message: `Ref to "${name}", which is neither a resource nor a parameter of this template` });
}

function getAtt(id: string, attribute: string, ctx: IntrinsicContext, at: string): unknown {
  if (!ctx.resources[id]) fail({ file: ctx.file, logicalId: at, message: `Fn::GetAtt of "${id}", which is not a resource of this template` });
  const known = ctx.getAtt(id, attribute);
  if (known !== undefined) return known;
  // What only a deployment knows (ARNs, URLs): a stable placeholder.
  return `arn:aws:local:${ctx.region}:${ctx.accountId}:${id}/${attribute}`;
}

function text(v: unknown, ctx: IntrinsicContext, at: string, fn: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail({ file: ctx.file, logicalId: at, message: `${fn} needs strings, got ${JSON.stringify(v)}` });
}

function sub(template: string, vars: Record<string, unknown>, ctx: IntrinsicContext, at: string): string {
  // ${!Literal} stands for the text ${Literal}.
  return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in vars) return text(vars[name], ctx, at, 'Fn::Sub');
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return text(getAtt(name.slice(0, dot), name.slice(dot + 1), ctx, at), ctx, at, 'Fn::Sub');
    return text(refOf(name, ctx, at), ctx, at, 'Fn::Sub');
  });
}

function condition(name: string, ctx: IntrinsicContext, at: string): boolean {
  if (!(name in ctx.conditions)) fail({ file: ctx.file, logicalId: at, message: `unknown condition "${name}"` });
  return Boolean(resolveValue(ctx.conditions[name], ctx, at));
}

/** `value` with every intrinsic function resolved; `at` is the logical id it belongs to (for errors). */
export function resolveValue(value: unknown, ctx: IntrinsicContext, at: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, ctx, at)).filter((v) => v !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition')) {
    const fn = keys[0];
    const arg = o[fn];
    switch (fn) {
      case 'Ref':
        return refOf(text(arg, ctx, at, 'Ref'), ctx, at);
      case 'Fn::GetAtt': {
        const [id, attr] = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : (resolveValue(arg, ctx, at) as string[]);
        return getAtt(id, attr, ctx, at);
      }
      case 'Fn::Sub': {
        if (typeof arg === 'string') return sub(arg, {}, ctx, at);
        const [tpl, vars] = arg as [string, Record<string, unknown>?];
        return sub(text(resolveValue(tpl, ctx, at), ctx, at, 'Fn::Sub'), (resolveValue(vars ?? {}, ctx, at) ?? {}) as Record<string, unknown>, ctx, at);
      }
      case 'Fn::Join': {
        const [sep, parts] = resolveValue(arg, ctx, at) as [string, unknown[]];
        return parts.map((p) => text(p, ctx, at, 'Fn::Join')).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = resolveValue(arg, ctx, at) as [number | string, unknown[]];
        return list[Number(index)];
      }
      case 'Fn::Split': {
        const [sep, s] = resolveValue(arg, ctx, at) as [string, string];
        return text(s, ctx, at, 'Fn::Split').split(sep);
      }
      case 'Fn::If': {
        const [cond, yes, no] = arg as [string, unknown, unknown];
        return resolveValue(condition(cond, ctx, at) ? yes : no, ctx, at);
      }
      case 'Fn::Equals': {
        const [a, b] = resolveValue(arg, ctx, at) as [unknown, unknown];
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !(resolveValue(arg, ctx, at) as unknown[])[0];
      case 'Fn::And':
        return (resolveValue(arg, ctx, at) as unknown[]).every(Boolean);
      case 'Fn::Or':
        return (resolveValue(arg, ctx, at) as unknown[]).some(Boolean);
      case 'Condition':
        return condition(text(arg, ctx, at, 'Condition'), ctx, at);
      case 'Fn::GetAZs':
        return [`${ctx.region}a`, `${ctx.region}b`, `${ctx.region}c`];
      case 'Fn::Base64':
        return Buffer.from(text(resolveValue(arg, ctx, at), ctx, at, 'Fn::Base64')).toString('base64');
      case 'Fn::ImportValue':
        return fail({
          file: ctx.file,
          logicalId: at,
          message: `Fn::ImportValue ${JSON.stringify(arg)}: the value is exported by another stack, which the twin does not deploy; pass the value into this stack directly (e.g. a context value or a construct in the same stack)`,
        });
      default:
        return fail({ file: ctx.file, logicalId: at, message: `${fn} is not supported by the twin` });
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const r = resolveValue(v, ctx, at);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}
