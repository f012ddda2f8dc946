// The console in a real browser (the test browser of test/support/browser.ts):
// GraphiQL served by the local server from installed packages only.
//
// First, this API's console opened cold, as a person meets it after `npm start`,
// held to the AppSync console's query editor (AWS AppSync Developer Guide, "Using
// your API": operations typed in the Queries editor run with the button at the
// top, the result shows on the right). What AWS does not document for its
// console — how a user-pool caller signs in there, how it loads its docs — the
// local one does its own way: it opens signed in as a local user, shows the
// schema's docs, holds the API's example operations, runs them, and shows
// AppSync's error shape as returned. Two screenshots for the README are taken
// on the way (.screenshots/, or docs/ with `npm run docs:screenshots`).
// Then the auth modes on a small fixture API (API key, minted tokens, subscriptions).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import { root, startHttpsFixture } from '../realtime/support.js';
import { launchBrowser } from '../support/browser.js';
import { screenshotPath } from '../support/screenshots.js';

let chromium: Browser;
beforeAll(async () => {
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
});

/** The text of a GraphiQL CodeMirror editor (the DOM holds only the lines in view). */
function editorText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => (document.querySelector(sel) as any)?.CodeMirror?.getValue() ?? '', `${selector} .CodeMirror`);
}
const resultText = (page: Page): Promise<string> => editorText(page, '.result-window');
const queryText = (page: Page): Promise<string> => editorText(page, '.graphiql-query-editor');

async function setVariables(page: Page, json: unknown): Promise<void> {
  await page.evaluate((text) => (document.querySelector('.graphiql-editor-tool .CodeMirror') as any).CodeMirror.setValue(text), JSON.stringify(json, null, 2));
}

/** Runs one operation of the editor's document the way a person does: the run button's list. */
async function run(page: Page, operationName: string): Promise<any> {
  await page.evaluate(() => ((document.querySelector('.result-window .CodeMirror') as any).CodeMirror.setValue('')));
  // GraphiQL runs the operation at the editor's cursor when it knows one, and
  // otherwise lists them all under the run button; which one happens depends on
  // where the cursor last moved. Either way, run the named operation.
  await page.evaluate((name) => {
    const cm = (document.querySelector('.graphiql-query-editor .CodeMirror') as any).CodeMirror;
    const line = cm.getValue().split('\n').findIndex((l: string) => new RegExp(`^(query|mutation|subscription) ${name}\\b`).test(l));
    if (line >= 0) cm.setCursor({ line, ch: 0 });
  }, operationName);
  await page.click('.graphiql-execute-button');
  const item = page.getByRole('menuitem', { name: operationName, exact: true });
  let text = '';
  await expect
    .poll(
      async () => {
        if (await item.isVisible()) await item.click();
        return (text = await resultText(page));
      },
      { timeout: 15_000 },
    )
    .not.toBe('');
  return JSON.parse(text);
}

describe("this API's console, opened cold", () => {
  let server: LocalAppSync;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  const problems: string[] = [];
  const graphqlRequests: Array<{ authorization?: string; body: string }> = [];

  beforeAll(async () => {
    server = await startLocalAppSync({
      root,
      dataDir: mkdtempSync(join(tmpdir(), 'appsync-console-')),
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tablePrefix: `console${process.pid}_${Date.now()}_`,
      prebuilt: true,
      port: 0,
      host: '127.0.0.1',
      frontendConfigPath: false,
    });
    origin = new URL(server.url).origin;
    context = await chromium.newContext({ viewport: { width: 1440, height: 860 } });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(origin)) problems.push(`request outside the server: ${r.url()}`);
      if (r.url() === `${origin}/graphql`) graphqlRequests.push({ authorization: r.headers()['authorization'], body: r.postData() ?? '' });
    });
  });
  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('opens signed in as the default user, with the docs, the example operations and no error', async () => {
    await page.goto(`${origin}/`);
    await expect.poll(() => page.textContent('#who')).toBe('alice');
    // The docs explorer is populated: the schema's root types are listed.
    const docs = page.locator('.graphiql-doc-explorer');
    await expect.poll(async () => (await docs.textContent()) ?? '', { timeout: 15_000 }).toMatch(/query:\s*Query.*mutation:\s*Mutation.*subscription:\s*Subscription/s);
    // The editor holds every operation and fragment of client/operations/, queries first.
    const text = await queryText(page);
    const dir = join(root, 'client/operations');
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')).definitions)
      .map((d) => (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION ? d.name?.value : undefined));
    expect(names.length).toBeGreaterThan(10);
    const inEditor = parse(text).definitions.map((d) => (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION ? d.name?.value : undefined));
    expect([...inEditor].sort()).toEqual([...names].sort());
    const first = parse(text).definitions[0];
    expect(first.kind === Kind.OPERATION_DEFINITION && first.operation).toBe('query');
    expect(text).not.toContain('Welcome to GraphiQL');
    // The docs come from the schema's introspection JSON, not from a query to the
    // endpoint (GraphiQL's introspection query is deeper than this API's queryDepthLimit).
    expect(graphqlRequests).toEqual([]);
    expect(await resultText(page)).toBe('');
    expect(problems).toEqual([]);
    await page.screenshot({ path: screenshotPath('console.png') });
  });

  it('runs the example operations as that user: create an item, then list it', async () => {
    await setVariables(page, { input: { title: 'Written from the console' } });
    const created = await run(page, 'CreateItem');
    // The very first request already carries alice's token.
    expect(JSON.parse(Buffer.from(graphqlRequests[0].authorization!.split('.')[1], 'base64url').toString())['cognito:username']).toBe('alice');
    expect(created.errors).toBeUndefined();
    expect(created.data.createItem).toMatchObject({ title: 'Written from the console', version: 1 });
    await setVariables(page, { limit: 10 });
    const listed = await run(page, 'ListItems');
    expect(listed.data.listItems.items.map((i: any) => i.itemId)).toEqual([created.data.createItem.itemId]);
    // For the screenshot: the editor scrolled to the operation that ran.
    await page.evaluate(() => {
      const cm = (document.querySelector('.graphiql-query-editor .CodeMirror') as any).CodeMirror;
      const line = cm.getValue().split('\n').findIndex((l: string) => l.startsWith('query ListItems'));
      cm.scrollTo(null, cm.heightAtLine(line - 1, 'local'));
    });
    await page.screenshot({ path: screenshotPath('console-result.png') });
    expect(problems).toEqual([]);
  });

  it("shows AppSync's error shape as returned, and a group switch in the auth bar changes the answer", async () => {
    await setVariables(page, { userId: 'someone' });
    const refused = await run(page, 'GetUser');
    expect(refused.data).toEqual({ getUser: null });
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatchObject({ errorType: 'Unauthorized', path: ['getUser'], locations: [expect.objectContaining({ line: expect.any(Number) })] });
    await page.check('#group-admin');
    await expect.poll(() => page.textContent('#who')).toBe('alice (admin)');
    const allowed = await run(page, 'GetUser');
    expect(allowed).toEqual({ data: { getUser: null } });
    await page.uncheck('#group-admin');
    await expect.poll(() => page.textContent('#who')).toBe('alice');
  });

  it('switches user: another user sees none of the first one’s items', async () => {
    await page.fill('#user', 'bob');
    await page.press('#user', 'Enter');
    await expect.poll(() => page.textContent('#who')).toBe('bob');
    await setVariables(page, {});
    const listed = await run(page, 'ListItems');
    expect(listed).toEqual({ data: { listItems: { items: [], nextToken: null } } });
    expect(JSON.parse(Buffer.from(graphqlRequests.at(-1)!.authorization!.split('.')[1], 'base64url').toString())['cognito:username']).toBe('bob');
    // As the editor's header says: Ctrl-Enter runs the operation at the cursor.
    await page.evaluate(() => {
      const cm = (document.querySelector('.graphiql-query-editor .CodeMirror') as any).CodeMirror;
      cm.focus();
      cm.setCursor({ line: cm.getValue().split('\n').findIndex((l: string) => l.startsWith('query Me ')) + 1, ch: 2 });
    });
    await page.evaluate(() => (document.querySelector('.result-window .CodeMirror') as any).CodeMirror.setValue(''));
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => resultText(page), { timeout: 15_000 }).not.toBe('');
    expect(JSON.parse(await resultText(page))).toEqual({ data: { me: null } });
    expect(JSON.parse(graphqlRequests.at(-1)!.body).operationName).toBe('Me');
  });

  it('signs requests with SigV4 in IAM mode, with the local access key pasted', async () => {
    await page.selectOption('#mode', 'AWS_IAM');
    await page.fill('#credential', `${server.keys.iam.accessKeyId}:${server.keys.iam.secretAccessKey}`);
    await setVariables(page, { userId: 'someone' });
    // getUser allows @aws_iam: a correctly signed call gets null, an unsigned one HTTP 401.
    expect(await run(page, 'GetUser')).toEqual({ data: { getUser: null } });
    expect(graphqlRequests.at(-1)!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[^/]+\/appsync\/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(problems).toEqual([]);
  });

  it('remembers the choices on reload, and keeps the example operations for a new visitor', async () => {
    await page.selectOption('#mode', 'AMAZON_COGNITO_USER_POOLS');
    await page.reload();
    await expect.poll(() => page.textContent('#who')).toBe('bob');
    const fresh = await chromium.newContext();
    try {
      const other = await fresh.newPage();
      await other.goto(`${origin}/`);
      await expect.poll(() => other.textContent('#who')).toBe('alice');
      expect(await queryText(other)).toContain('query Me');
    } finally {
      await fresh.close();
    }
  });
  it('opened under a name other than localhost, where the server will not mint tokens, it still shows the docs and takes a pasted token', async () => {
    // The token mint answers only callers that name the server localhost/127.0.0.1/[::1]
    // (DNS rebinding); console.test is resolved to the same server by the browser.
    const renamed = await launchBrowser({ launch: { args: ['--host-resolver-rules=MAP console.test 127.0.0.1', '--proxy-bypass-list=console.test'] } });
    try {
      const other = await renamed.newPage();
      await other.goto(`http://console.test:${new URL(origin).port}/`);
      await expect.poll(() => other.textContent('#status')).toContain('the server answered 403');
      expect(await other.isVisible('#credential')).toBe(true);
      await expect.poll(async () => (await other.locator('.graphiql-doc-explorer').textContent()) ?? '', { timeout: 15_000 }).toContain('mutation: Mutation');
      await other.fill('#credential', await server.mintToken('dave'));
      expect(await run(other, 'Me')).toEqual({ data: { me: null } });
    } finally {
      await renamed.close();
    }
  });
});

describe('console auth modes (fixture API: API key default, Cognito additional)', () => {
  let server: LocalAppSync;
  let browser: BrowserContext;
  beforeAll(async () => {
    ({ server } = await startHttpsFixture(false));
    browser = await chromium.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads from installed assets only and runs a query with the chosen API key', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    const query = 'query Console { hello(name: "console") }';
    await page.goto(`${origin}/?query=${encodeURIComponent(query)}`);
    await page.selectOption('#mode', 'API_KEY');
    await page.fill('#credential', server.apiKey);
    await page.click('.graphiql-execute-button');
    await expect.poll(() => resultText(page), { timeout: 15_000 }).toContain('hello console');
    expect(foreign).toEqual([]);
  });

  it("shows the server's refusal, as AppSync shapes it, when the credential is wrong", async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    await page.goto(`${origin}/?query=${encodeURIComponent('{ hello(name: "x") }')}`);
    await page.selectOption('#mode', 'API_KEY');
    await page.fill('#credential', 'da2-wrong');
    await page.click('.graphiql-execute-button');
    let text = '';
    await expect.poll(async () => (text = await resultText(page)), { timeout: 15_000 }).toContain('UnauthorizedException');
    expect(JSON.parse(text)).toEqual({ errors: [expect.objectContaining({ errorType: 'UnauthorizedException' })] });
  });

  it('signs in a chosen user with a local token and sends it as the Authorization header', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const sent: Array<string | undefined> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) sent.push(r.headers()['authorization']);
    });
    await page.goto(`${origin}/?query=${encodeURIComponent('{ hello(name: "cognito") }')}`);
    await page.selectOption('#mode', 'AMAZON_COGNITO_USER_POOLS');
    await page.fill('#user', 'carol');
    await page.click('#mint');
    await expect.poll(() => page.textContent('#who')).toBe('carol');
    await page.click('.graphiql-execute-button');
    await expect.poll(() => resultText(page), { timeout: 15_000 }).toContain('hello cognito');
    expect(JSON.parse(Buffer.from(sent.at(-1)!.split('.')[1], 'base64url').toString())['cognito:username']).toBe('carol');
  });

  it('runs a subscription over the real-time endpoint and shows a published event', async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    await page.goto(`${origin}/?query=${encodeURIComponent('subscription { onPost(channel: "ui") { id text } }')}`);
    await page.selectOption('#mode', 'API_KEY');
    await page.fill('#credential', server.apiKey);
    await page.click('.graphiql-execute-button');
    await expect.poll(() => page.textContent('#status')).toBe('subscribed');
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
      body: JSON.stringify({ query: 'mutation { post(id: "ev1", channel: "ui", text: "from the test") { id channel text } }' }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => resultText(page), { timeout: 15_000 }).toContain('from the test');
  });
});
