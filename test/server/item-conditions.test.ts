// updateItem and deleteItem tell NotFound from Conflict end to end, against
// `appsync-local start` (what `npm start` runs) in its own process: the
// bundles, the pipelines and the DynamoDB data source's documented handling
// of failed conditions ("AWS AppSync JavaScript resolver function reference
// for DynamoDB › Condition expressions › Handling a condition check failure").
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DOORS, ownCloudAssembly } from '../support/doors.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'local/cli/bin.js');
// Once per door: the in-repo definition and this app's synthesized cdk.out answer alike.
describe.each(DOORS)('through the %s door', (door) => {
  let child: ChildProcess;
  let url: string;
  let alice: string;
  let dataDir: string;
  const dataDirOf = () => dataDir;

  async function gqlAs(token: string, query: string, variables?: Record<string, unknown>) {
    const res = await fetch(url, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data: Record<string, any> | null; errors?: Array<Record<string, any>> };
  }
  const gql = (query: string, variables?: Record<string, unknown>) => gqlAs(alice, query, variables);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'appsync-conditions-'));
    child = spawn(process.execPath, [bin, 'start', '--port', '0', ...(door === 'cdk-out' ? ['--cdk-out', await ownCloudAssembly()] : ['--no-build']), '--data-dir', dataDir, '--dynamodb-endpoint', inject('dynamodbEndpoint'), '--table-prefix', `cond${process.pid}_${door === 'cdk-out' ? 'cdk_' : ''}`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL printed:\n${out}`)), 40_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /GraphQL\s+(http:\/\/\S+)/.exec(out);
        if (m && /IAM keys[^\n]*\n/.test(out)) {
          clearTimeout(timer);
          ok(m[1]);
        }
      });
      child.on('exit', () => fail(new Error(`exited early:\n${out}`)));
    });
    alice = (await promisify(execFile)(process.execPath, [bin, 'token', '--user', 'alice', '--data-dir', dataDir], { cwd: root })).stdout.trim();
  }, 60_000);

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  async function newItem(): Promise<string> {
    const r = await gql('mutation { createItem(input: { title: "t" }) { itemId version } }');
    expect(r.errors).toBeUndefined();
    return r.data!.createItem.itemId;
  }

  const UPDATE = 'mutation U($i: UpdateItemInput!) { updateItem(input: $i) { itemId version title } }';
  const DELETE = 'mutation D($id: ID!, $v: Int) { deleteItem(itemId: $id, expectedVersion: $v) { itemId } }';
  const MISSING = '01J00000000000000000000000';

  describe('conditional item writes against appsync-local start', () => {
    it('a stale updateItem is a Conflict naming the current version; the item keeps its state', async () => {
      const id = await newItem();
      expect((await gql(UPDATE, { i: { itemId: id, expectedVersion: 1, title: 'a' } })).data!.updateItem.version).toBe(2);
      const stale = await gql(UPDATE, { i: { itemId: id, expectedVersion: 1, title: 'b' } });
      expect(stale.data).toBeNull();
      expect(stale.errors![0]).toMatchObject({ errorType: 'Conflict', path: ['updateItem'], errorInfo: { itemId: id, currentVersion: 2 } });
      const now = await gql('query G($id: ID!) { getItem(itemId: $id) { title version } }', { id });
      expect(now.data!.getItem).toEqual({ title: 'a', version: 2 });
    });

    it('updateItem of a missing item is NotFound', async () => {
      const r = await gql(UPDATE, { i: { itemId: MISSING, expectedVersion: 1, title: 'x' } });
      expect(r.errors![0]).toMatchObject({ errorType: 'NotFound', errorInfo: { itemId: MISSING } });
    });

    it.each([[undefined], [1]])('deleteItem of a missing item is NotFound (expectedVersion %s)', async (v) => {
      const r = await gql(DELETE, { id: MISSING, v });
      expect(r.data).toBeNull();
      expect(r.errors![0]).toMatchObject({ errorType: 'NotFound', path: ['deleteItem'], errorInfo: { itemId: MISSING } });
    });

    it('deleteItem at a stale version is a Conflict; at the current version it deletes', async () => {
      const id = await newItem();
      await gql(UPDATE, { i: { itemId: id, expectedVersion: 1, title: 'a' } });
      const stale = await gql(DELETE, { id, v: 1 });
      expect(stale.errors![0]).toMatchObject({ errorType: 'Conflict', errorInfo: { itemId: id, currentVersion: 2 } });
      expect((await gql(DELETE, { id, v: 2 })).data!.deleteItem).toEqual({ itemId: id });
      const again = await gql(DELETE, { id });
      expect(again.errors![0]).toMatchObject({ errorType: 'NotFound' });
    });
  });

  describe('verified email against appsync-local start and appsync-local token', () => {
    const mint = async (...args: string[]) =>
      (await promisify(execFile)(process.execPath, [bin, 'token', ...args, '--data-dir', dataDirOf()], { cwd: root })).stdout.trim();
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

    it('mints ID tokens with email and email_verified, and the profile follows the verified address', async () => {
      const unverified = await mint('--user', 'frank', '--email', 'Frank@Example.com', '--unverified-email');
      expect(claims(unverified)).toMatchObject({ email: 'Frank@Example.com', email_verified: false, token_use: 'id' });
      const refused = await gqlAs(unverified, 'mutation { createProfile(input: { displayName: "F" }) { email } }');
      expect(refused.errors![0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { reason: 'EMAIL_NOT_VERIFIED' } });
      const verified = await mint('--user', 'frank', '--email', 'Frank@Example.com');
      const made = await gqlAs(verified, 'mutation { createProfile(input: { displayName: "F" }) { email } }');
      expect(made.data!.createProfile).toEqual({ email: 'frank@example.com' });
      const access = await mint('--user', 'frank', '--access');
      expect(claims(access).email).toBeUndefined();
    });
  });
});
