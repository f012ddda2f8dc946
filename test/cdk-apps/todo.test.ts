// aws-samples/aws-cdk-examples typescript/appsync-graphql-typescript-resolver,
// synthesized by `cdk synth` with the app's own esbuild bundling
// (test/fixtures/cdk-apps/todo/SOURCE.md): an IAM-only API, stack environment
// unbound, one TypeScript resolver bundled to a staged asset, on a NONE data
// source. What it should answer follows from its code and AWS's documentation.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';

const fixture = fileURLToPath(new URL('../fixtures/cdk-apps/todo/', import.meta.url));
let app: LocalAppSync;
const lines: string[] = [];

async function signed(query: string, variables: Record<string, unknown> = {}, region = app.keys.region) {
  const u = new URL(app.url);
  const body = JSON.stringify({ query, variables });
  const signer = new SignatureV4({ service: 'appsync', region, credentials: app.keys.iam, sha256: Sha256 });
  const req = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/graphql', headers: { host: u.host, 'content-type': 'application/json' }, body });
  const res = await fetch(app.url, { method: 'POST', headers: req.headers as Record<string, string>, body });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

beforeAll(async () => {
  app = await startLocalAppSync({
    root: fixture,
    cdkOut: { dir: 'cdk.out' },
    dataDir: mkdtempSync(join(tmpdir(), 'appsync-todo-')),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    port: 0,
    watch: false,
    verbose: true,
    frontendConfigPath: false,
    log: (l) => lines.push(l),
  });
});

afterAll(async () => {
  await app?.stop();
});

describe('aws-cdk-examples appsync-graphql-typescript-resolver (todo), served from its cdk.out', () => {
  it('serves an unbound stack in us-east-1, IAM only', () => {
    // The manifest's environment is aws://unknown-account/unknown-region: nothing pins a region.
    expect(app.keys.region).toBe('us-east-1');
    expect(app.authModes).toEqual(['AWS_IAM']);
  });

  it('answers getTodo with the payload its request handler hands the NONE data source', async () => {
    // "AWS AppSync JavaScript resolver function reference for None data source": the request's `payload` comes back as ctx.result,
    // which this response handler returns as it is.
    const { status, body } = await signed('query ($id: ID!) { getTodo(id: $id) { id title completed createdAt completedAt } }', { id: 't-1' });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { getTodo: { id: 't-1', title: 'Buy groceries', completed: false, createdAt: '2023-08-24T09:12:44.609Z', completedAt: null } },
    });
  });

  it("keeps the handler's console output in the field's log, as AppSync's field-level logs do", async () => {
    lines.length = 0;
    await signed('query { getTodo(id: "t-2") { id } }');
    // "Context: " + ctx: string concatenation with an object gives its default string form.
    expect(lines.some((l) => l.includes('Context: [object Object]'))).toBe(true);
  });

  it('refuses a caller that is not signed (the only mode is IAM)', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ getTodo(id: "x") { id } }' }) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].errorType).toBe('UnauthorizedException');
  });
});
