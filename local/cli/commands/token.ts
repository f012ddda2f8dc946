// appsync-local token: print a Cognito-shaped JWT signed with the local key,
// accepted by `appsync-local start` (same data directory).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { mintToken } from '../../server/auth/tokens.js';
import { loadOrCreateKeys } from '../../server/keys.js';

const HELP = `usage: appsync-local token --user NAME [--group G]... [--email E] [--unverified-email] [--expires-in 1h] [--access] [--data-dir .appsync-local]

Prints an ID token (or, with --access, an access token) for NAME. Send it as the
Authorization header. The same user name always gets the same sub. An ID token
carries email (default NAME@example.com) and email_verified (true unless
--unverified-email), as Cognito's ID tokens do; access tokens carry neither.
`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      group: { type: 'string', multiple: true },
      email: { type: 'string' },
      'unverified-email': { type: 'boolean', default: false },
      'expires-in': { type: 'string', default: '1h' },
      access: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.appsync-local' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.user) {
    process[values.help ? 'stdout' : 'stderr'].write(HELP);
    return values.help ? 0 : 1;
  }
  const keys = await loadOrCreateKeys(resolve(values['data-dir']!));
  const token = await mintToken(keys, {
    user: values.user,
    groups: (values.group ?? []).flatMap((g) => g.split(',')).filter(Boolean),
    ...(values.email ? { email: values.email } : {}),
    emailVerified: !values['unverified-email'],
    expiresIn: values['expires-in']!,
    tokenUse: values.access ? 'access' : 'id',
  });
  process.stdout.write(`${token}\n`);
  return 0;
}
