// How the rds helpers reject bad input. AWS reports these as errors thrown by
// the helper inside the resolver code, not as util.error: the recorded
// EvaluateCode answers carry the `code.js:LINE:COL: ` position prefix that a
// util.error message lacks (localstack/appsync-utils resolvers.test.js.snap,
// "rds resolvers input validation …"; its harness strips the prefix). The twin
// cannot know the call site's position in the user's source, so the message
// comes without it, with errorType 'Code' like the twin's other uncaught errors.
import { fail } from '../state.js';

export function reject(message) {
  fail(message, 'Code');
}
