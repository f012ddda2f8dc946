// Mutation.updateProfile (pipeline: getProfile → writeProfile). The before
// step validates the input so nothing is read or written for a bad request.
// The email follows the caller's verified Cognito email: after a change has
// been verified with the user pool, updateProfile moves the profile (and its
// email guard) to the new address.
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateProfileArgs, User } from '../generated/schema-types.js';
import { callerId } from '../lib/caller.js';
import { verifiedEmail } from '../lib/email.js';
import { checkText, LIMITS } from '../lib/validate.js';

export function request(ctx: Context<MutationUpdateProfileArgs>): Record<string, never> {
  const { email, displayName } = ctx.args.input;
  if ((email === undefined || email === null) && (displayName === undefined || displayName === null)) {
    util.error('Nothing to update: give email or displayName', 'ValidationError', null, { field: 'input' });
  }
  checkText(displayName, 'displayName', LIMITS.displayNameMax);
  ctx.stash.userId = callerId(ctx);
  ctx.stash.email = verifiedEmail(ctx, email);
  return {};
}

export function response(ctx: Context<MutationUpdateProfileArgs>): Omit<User, 'items'> {
  return ctx.prev.result;
}
