// What the server prints never carries a credential or a person's address:
// JWTs, SigV4 signatures and secrets, values of password/token/secret-like
// keys, and email addresses are masked before a line is written (--verbose
// prints data-source requests and results, which hold whatever resolvers put
// there). The deployed stack keeps the same promise with AppSync's
// excludeVerboseContent; locally it is this filter.
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const SIGV4 = /\b(Signature|Credential)=[^\s,"]+/g;
const AWS_KEY = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;
const SECRET_FIELD = /("(?:[A-Za-z_-]*(?:password|passwd|secret|token|authorization|apikey|api_key|x-api-key|sessionToken)[A-Za-z_-]*)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
// local@domain.tld, also inside keys such as EMAIL#a@b.co; Unicode letters included.
const EMAIL = /[\p{L}\p{N}._%+\-\u00AD\u200B-\u200F\u2060\uFEFF]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+/gu;

export function redact(line: string): string {
  return line
    .replace(JWT, '<token>')
    .replace(SIGV4, '$1=<redacted>')
    .replace(AWS_KEY, '<access-key>')
    .replace(SECRET_FIELD, '$1"<redacted>"')
    .replace(EMAIL, '<email>');
}
