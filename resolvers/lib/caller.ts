import { util, type Context, type AppSyncIdentityCognito } from '@aws-appsync/utils';

/** The signed-in user's id (Cognito `sub`); callers without one are refused. */
export function callerId(ctx: Context): string {
  const identity = ctx.identity as AppSyncIdentityCognito | null;
  if (!identity || !identity.sub) {
    util.unauthorized();
  }
  return identity.sub;
}
