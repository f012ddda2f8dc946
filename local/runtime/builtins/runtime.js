// runtime (earlyReturn) and extensions (subscription filters, invalidation,
// API cache eviction): both record into the evaluation's state.
import { EARLY, current } from './state.js';

// "Runtime utilities": earlyReturn(obj?, returnOptions?: { skipTo: 'END' | 'NEXT' }).
// skipTo 'END' from a pipeline function skips the remaining functions; the
// runner (../index.ts) reads it off the signal.
export const runtime = {
  earlyReturn(value, returnOptions) {
    const skipTo = returnOptions && returnOptions.skipTo === 'END' ? 'END' : 'NEXT';
    throw { [EARLY]: { value: value === undefined ? null : value, skipTo } };
  },
};

export const extensions = {
  setSubscriptionFilter(f) { current().extensions.subscriptionFilter = f; },
  setSubscriptionInvalidationFilter(f) { current().extensions.subscriptionInvalidationFilter = f; },
  invalidateSubscriptions(o) { (current().extensions.invalidateSubscriptions ||= []).push(o); },
  evictFromApiCache(typeName, fieldName, keys) { (current().extensions.evictFromApiCache ||= []).push({ typeName, fieldName, keys }); },
};
