// APPSYNC_JS built-ins, bundled (see ../builtins.ts) into one script that is
// evaluated INSIDE the sandbox context, so nothing a resolver can reach belongs
// to the host realm. One file per AppSync namespace; this one assembles the
// modules resolver code imports, guards the built-ins (limits.js), defines the
// sandbox's own console, and hands the host the job runner.
import { ai } from './ai-module.js';
import { dynamodb } from './dynamodb-module.js';
import { setHost } from './host.js';
import { installLimits } from './limits.js';
import { rds } from './rds-module.js';
import { charge, console, createRunner, escalate, setJob, slicing, tooBig } from './runner.js';
import { extensions, runtime } from './runtime.js';
import { util } from './util.js';

function deepFreeze(o) {
  if (o === null || (typeof o !== 'object' && typeof o !== 'function') || Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const k of Object.keys(o)) deepFreeze(o[k]);
}

/**
 * Lends the host's capabilities (primitives only, see host.js) and answers
 * { setJob, run }. The caller freezes the intrinsics afterwards.
 */
export function install(rawHost) {
  setHost(rawHost);
  installLimits(charge, tooBig, escalate, slicing);
  Object.defineProperty(globalThis, 'console', { value: console, writable: false, configurable: false, enumerable: false });
  const modules = {
    '@aws-appsync/utils': { util, runtime, extensions },
    '@aws-appsync/utils/dynamodb': dynamodb,
    '@aws-appsync/utils/rds': rds,
    '@aws-appsync/utils/ai': ai,
  };
  deepFreeze(modules);
  // What resolver code sees as globalThis: the sandbox's globals, frozen.
  const safeGlobal = Object.fromEntries(
    Object.getOwnPropertyNames(globalThis).filter((n) => !n.startsWith('__appsync')).map((n) => [n, globalThis[n]]),
  );
  safeGlobal.globalThis = safeGlobal;
  Object.freeze(safeGlobal);
  return Object.freeze({ setJob, run: createRunner(modules, safeGlobal) });
}
