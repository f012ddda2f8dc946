// A profile's email is the caller's verified Cognito email, never what the
// client types: the `email` claim with `email_verified` true (Cognito ID
// tokens carry both; access tokens carry neither, so createProfile and
// updateProfile need the ID token). The guard item that makes emails unique
// is keyed by the normalised form, so look-alike spellings cannot take a
// second guard next to the real one.
import { util, type AppSyncIdentityCognito, type Context } from '@aws-appsync/utils';
import { LIMITS } from './validate.js';

// Control characters (C0, C1), soft hyphen, zero-width and bidirectional
// formatting characters, word joiners, variation selectors, fillers and the
// BOM: invisible in an address, so refused. Listed one by one because
// APPSYNC_JS has neither regex literals nor String.charCodeAt.
const INVISIBLE =
  '\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F' +
  '\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F' +
  '\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E' +
  '\u008F\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E' +
  '\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B\u180C\u180D\u180E\u180F\u200B\u200C\u200D' +
  '\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2061\u2062\u2063\u2064\u2065\u2066\u2067\u2068' +
  '\u2069\u206A\u206B\u206C\u206D\u206E\u206F\u3164\uFE00\uFE01\uFE02\uFE03\uFE04\uFE05\uFE06\uFE07' +
  '\uFE08\uFE09\uFE0A\uFE0B\uFE0C\uFE0D\uFE0E\uFE0F\uFEFF\uFFA0';

function hasInvisible(text: string): boolean {
  return text.split('').some((ch) => INVISIBLE.indexOf(ch) >= 0);
}

function invalid(message: string, reason: string): never {
  util.error(message, 'ValidationError', null, { field: 'email', reason });
}

/** NFKC, lower case; refuses invisible or control characters and over-long addresses. */
export function normalizeEmail(email: string): string {
  if (hasInvisible(email)) invalid('email must not contain invisible or control characters', 'EMAIL_INVISIBLE_CHARACTERS');
  const normal = util.str.normalize(email, 'nfkc').toLowerCase();
  if (normal.length > LIMITS.emailMax) invalid(`email must be at most ${LIMITS.emailMax} characters`, 'EMAIL_TOO_LONG');
  return normal;
}

/**
 * The caller's verified email, normalised. An `email` argument, if the client
 * still sends one, must be the same address.
 */
export function verifiedEmail(ctx: Context, given?: string | null): string {
  const claims = ((ctx.identity as AppSyncIdentityCognito | null)?.claims ?? {}) as Record<string, unknown>;
  const claimed = claims.email;
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (typeof claimed !== 'string' || !verified) {
    invalid('A verified email is required: verify your email address with the user pool, then sign in again (use the ID token)', 'EMAIL_NOT_VERIFIED');
  }
  const email = normalizeEmail(claimed);
  if (given !== undefined && given !== null && normalizeEmail(given) !== email) {
    invalid('email must be your verified email address', 'EMAIL_NOT_YOURS');
  }
  return email;
}
