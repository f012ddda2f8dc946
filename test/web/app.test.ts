// The web app (web/) in headless Chromium against our API on the local server:
// the app is built by Vite, signs in with a locally minted token, and talks to
// /graphql over CORS and to /graphql/realtime with AppSync's protocol from a
// browser WebSocket. Two tabs of one user see each other's changes live; another
// user sees none of them; a stale edit meets the conflict UI; pagination shows
// every item once; a reload keeps the session; a dropped connection resyncs.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { screenshotPath } from '../support/screenshots.js';
import { buildApp, eventually, expectLive, ITEM, recordForeignRequests, serveApp, shownIds, signIn, startApi, titles, type TestApi } from './support.js';

let api: TestApi;
let dist: string;
let web: Awaited<ReturnType<typeof serveApp>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const foreign: string[] = [];

beforeAll(async () => {
  [api, dist] = await Promise.all([startApi(), buildApp()]);
  web = await serveApp(dist, { configPath: api.configPath });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await api?.stop();
  if (dist) rmSync(dist, { recursive: true, force: true });
  expect(foreign).toEqual([]);
});

async function tab(user: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  contexts.push(context);
  const page = await context.newPage();
  foreign.push(...recordForeignRequests(page));
  page.on('pageerror', (e) => foreign.push(`page error (${user}): ${e.stack}`));
  page.on('console', (m) => m.type() === 'error' && console.log(user, m.text()));
  await signIn(page, web.origin, user);
  return page;
}

async function addItem(page: Page, title: string, fields: { status?: string; priority?: string } = {}): Promise<void> {
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'New item' }) });
  await form.getByLabel('Title').fill(title);
  if (fields.status) await form.getByLabel('Status').selectOption({ label: fields.status });
  if (fields.priority) await form.getByLabel('Priority').fill(fields.priority);
  await form.getByRole('button', { name: 'Add' }).click();
}

const row = (page: Page, title: string) => page.locator('li.item', { has: page.locator('.item-title', { hasText: title }) });

describe('two tabs of one user', () => {
  it('see each other create, edit and delete live, and a second user sees none of it', async () => {
    const [a, b, other] = await Promise.all([tab('alice'), tab('alice'), tab('bob')]);
    await eventually(() => b.locator('.empty').textContent()).toContain('No items yet');

    await addItem(a, 'Buy milk');
    await eventually(() => titles(b)).toEqual(['Buy milk']);
    await addItem(a, 'Water plants', { status: 'In progress' });
    await eventually(() => titles(b)).toEqual(['Water plants', 'Buy milk']);

    await row(a, 'Buy milk').getByRole('button', { name: 'Edit Buy milk' }).click();
    await a.locator('li.item.editing').getByLabel('Title').fill('Buy oat milk');
    await a.locator('li.item.editing').getByRole('button', { name: 'Save' }).click();
    await eventually(() => titles(b)).toEqual(['Water plants', 'Buy oat milk']);

    await row(a, 'Water plants').getByRole('button', { name: 'Delete Water plants' }).click();
    await eventually(() => titles(b)).toEqual(['Buy oat milk']);
    expect(await titles(a)).toEqual(['Buy oat milk']);

    // bob was signed in and live the whole time.
    await expectLive(other);
    expect(await titles(other)).toEqual([]);
    await other.reload();
    await expectLive(other);
    await eventually(() => other.locator('.empty').textContent()).toContain('No items yet');
  });

  it('a stale edit shows what changed, and the user reloads or overwrites on purpose', async () => {
    const [a, b] = await Promise.all([tab('carol'), tab('carol')]);
    await addItem(a, 'Plan trip');
    await eventually(() => titles(b)).toEqual(['Plan trip']);

    // a opens the editor on version 1; b saves version 2 meanwhile.
    await row(a, 'Plan trip').getByRole('button', { name: 'Edit Plan trip' }).click();
    const editor = a.locator('li.item.editing');
    await row(b, 'Plan trip').getByRole('button', { name: 'Edit Plan trip' }).click();
    await b.locator('li.item.editing').getByLabel('Title').fill('Plan trip to Lisbon');
    await b.locator('li.item.editing').getByRole('button', { name: 'Save' }).click();
    await eventually(() => titles(b)).toEqual(['Plan trip to Lisbon']);

    await editor.getByLabel('Title').fill('Plan trip to Porto');
    await editor.getByRole('button', { name: 'Save' }).click();
    const conflict = editor.getByRole('alert', { name: 'Edit conflict' });
    await eventually(() => conflict.isVisible()).toBe(true);
    expect(await conflict.locator('tbody tr').allInnerTexts()).toEqual(['Title\tPlan trip to Lisbon\tPlan trip to Porto']);
    expect(await conflict.textContent()).toContain('version 1; it is now at version 2');

    // Reload: the form takes the saved version and the conflict goes away.
    await conflict.getByRole('button', { name: 'Reload saved version' }).click();
    expect(await editor.getByLabel('Title').inputValue()).toBe('Plan trip to Lisbon');
    expect(await conflict.count()).toBe(0);

    // A second stale edit, this time overwritten deliberately. a types first;
    // b's save then reaches a live while a is still editing, and must not wipe
    // what a typed.
    await editor.getByLabel('Title').fill('Plan trip to Porto');
    await row(b, 'Lisbon').getByRole('button', { name: /^Edit/ }).click();
    await b.locator('li.item.editing').getByLabel('Status').selectOption({ label: 'Done' });
    await b.locator('li.item.editing').getByRole('button', { name: 'Save' }).click();
    await eventually(() => editor.getAttribute('data-version')).toBe('3');
    expect(await editor.getByLabel('Title').inputValue()).toBe('Plan trip to Porto');
    await editor.getByRole('button', { name: 'Save' }).click();
    await eventually(() => conflict.isVisible()).toBe(true);
    expect(await conflict.locator('tbody th').allTextContents()).toEqual(['Status']);
    await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
    await eventually(() => titles(a)).toEqual(['Plan trip to Porto']);
    await eventually(() => titles(b)).toEqual(['Plan trip to Porto']);
    // Overwriting sends the whole form, status included: the person chose "mine".
    await eventually(() => b.locator('li.item .badge').textContent()).toBe('To do');
  });
});

describe('the list', () => {
  it('loads every item exactly once through "load more", and filters by status', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 45; i++) {
      const status = i % 3 === 0 ? 'DONE' : 'TODO';
      const data = await api.gql('pager', `mutation C($i: CreateItemInput!) { createItem(input: $i) { ${ITEM} } }`, {
        i: { title: `Item ${String(i).padStart(2, '0')}`, status },
      });
      ids.push(data.createItem.itemId);
    }
    const page = await tab('pager');
    await eventually(() => shownIds(page).then((s) => s.length)).toBe(20);
    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await eventually(() => shownIds(page).then((s) => s.length)).toBe(40);
    await more.click();
    await eventually(() => shownIds(page).then((s) => s.length)).toBe(45);
    expect(await more.count()).toBe(0);
    expect(await shownIds(page)).toEqual([...ids].reverse());

    await page.getByRole('radio', { name: 'Done' }).check();
    await eventually(() => titles(page)).toEqual(ids.map((_, i) => `Item ${String(i).padStart(2, '0')}`).filter((_, i) => i % 3 === 0).reverse());
    await page.getByRole('radio', { name: 'In progress' }).check();
    await eventually(() => page.locator('.empty').textContent()).toBe('Nothing in progress.');
  });

  it('works from the keyboard: add, edit, cancel with Escape', async () => {
    const page = await tab('kim');
    await page.getByLabel('Title').focus();
    await page.keyboard.type('Typed only');
    await page.keyboard.press('Enter');
    await eventually(() => titles(page)).toEqual(['Typed only']);

    await page.getByRole('button', { name: 'Edit Typed only' }).focus();
    await page.keyboard.press('Enter');
    const editor = page.locator('li.item.editing');
    expect(await editor.getByLabel('Title').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await editor.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit Typed only');

    await page.getByRole('button', { name: 'Edit Typed only' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type(', edited');
    await page.keyboard.press('Enter');
    await eventually(() => titles(page)).toEqual(['Typed only, edited']);

    await page.getByRole('radio', { name: 'All' }).focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => page.getByRole('radio', { name: 'To do' }).isChecked()).toBe(true);
  });

  it('keeps what I type next while the previous add is still saving', async () => {
    const page = await tab('lena');
    // Hold the first createItem until the next title is typed (a slow network, made certain).
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    let holding = true;
    await page.route('**/graphql', async (route) => {
      if (holding && route.request().postData()?.includes('createItem')) {
        holding = false;
        await held;
      }
      await route.continue();
    });
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'New item' }) });
    await addItem(page, 'First');
    await eventually(() => form.getByRole('button', { name: 'Add' }).isDisabled()).toBe(true);
    await form.getByLabel('Title').fill('Second');
    release();
    await eventually(() => titles(page)).toEqual(['First']);
    expect(await form.getByLabel('Title').inputValue()).toBe('Second');
    await form.getByRole('button', { name: 'Add' }).click();
    await eventually(() => titles(page)).toEqual(['Second', 'First']);
    await eventually(() => form.getByLabel('Title').inputValue()).toBe('');
  });

  it('shows a ValidationError from AppSync beside the form', async () => {
    const page = await tab('dave');
    await addItem(page, 'Too important', { priority: '99' });
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'New item' }) });
    await eventually(() => form.getByRole('alert').textContent()).toBe('priority must be between 0 and 10');
    expect(await titles(page)).toEqual([]);
  });
});

describe('session and connection', () => {
  it('keeps the session across a page reload', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    foreign.push(...recordForeignRequests(page));
    await signIn(page, web.origin, 'erin', { admin: true });
    expect(await page.locator('.who .badge').textContent()).toBe('admin');
    await addItem(page, 'Survives reloads');
    await eventually(() => titles(page)).toEqual(['Survives reloads']);
    await page.reload();
    await expectLive(page);
    expect(await page.getByLabel('User name').count()).toBe(0);
    expect(await page.locator('.username').textContent()).toBe('erin');
    expect(await page.locator('.who .badge').textContent()).toBe('admin');
    await eventually(() => titles(page)).toEqual(['Survives reloads']);
  });

  it('reconnects after the real-time connection drops and shows what it missed', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    foreign.push(...recordForeignRequests(page));
    // Every real-time socket goes through the test: pass-through while `up`,
    // refused while down (as an unreachable server would be).
    let up = true;
    const open: Array<{ close(): Promise<void> }> = [];
    await page.routeWebSocket(/\/graphql\/realtime/, (ws) => {
      if (!up) return void ws.close({ code: 1006 });
      ws.connectToServer();
      open.push(ws);
    });
    await signIn(page, web.origin, 'frank');

    up = false;
    await Promise.all(open.splice(0).map((ws) => ws.close()));
    await eventually(() => page.getByRole('status').textContent()).toBe('Reconnecting…');
    await api.gql('frank', `mutation C($i: CreateItemInput!) { createItem(input: $i) { ${ITEM} } }`, { i: { title: 'Made while offline' } });
    up = true;

    await expectLive(page);
    await eventually(() => titles(page)).toEqual(['Made while offline']);
    // And it is live again: a change from elsewhere arrives.
    await api.gql('frank', `mutation C($i: CreateItemInput!) { createItem(input: $i) { ${ITEM} } }`, { i: { title: 'Made after' } });
    await eventually(() => titles(page)).toEqual(['Made after', 'Made while offline']);
  });
});

describe('profile', () => {
  it('creates and edits my profile, and shows what AppSync refuses inline', async () => {
    const page = await tab('hal');
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Create profile' }).click();
    expect(await page.getByLabel('Email').inputValue()).toBe('hal@example.com');
    await page.getByLabel('Name').fill('Hal');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.locator('.profile dd').allTextContents()).toEqual(['Hal', 'hal@example.com']);

    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Name').fill(' '.repeat(3));
    const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save' }).click();
    const { errors } = await (await answer).json();
    expect(errors[0].errorType).toBe('ValidationError');
    await eventually(() => page.locator('.profile').getByRole('alert').textContent()).toBe(errors[0].message);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.profile dd').allTextContents()).toEqual(['Hal', 'hal@example.com']);
  });
});

describe('account deletion', () => {
  it('deletes my account page by page from the profile view, then signs me out', async () => {
    await api.gql('ivy', 'mutation { createProfile(input: { displayName: "Ivy" }) { userId } }');
    for (let i = 0; i < 60; i += 1) await api.gql('ivy', `mutation { createItem(input: { title: "i${i}" }) { itemId } }`);
    const page = await tab('ivy');
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    // Nothing happens until confirmed; "Keep my account" backs out.
    await page.getByRole('button', { name: 'Keep my account' }).click();
    expect((await api.gql('ivy', '{ listItems(limit: 1) { items { itemId } } }')).listItems.items).toHaveLength(1);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    // The answers' bodies are read as they come; awaited below, since the page can sign out
    // before the last body has been read here.
    const calls: Promise<boolean>[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/graphql') && r.request().postData()?.includes('deleteAccount')) calls.push(r.json().then((b) => b.data.deleteAccount.done));
    });
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // 60 items: a page of 50, then the last 10 go with the account's own records.
    expect(await Promise.all(calls)).toEqual([false, true]);
    expect((await api.gql('ivy', '{ me { userId } }')).me).toBeNull();
    expect((await api.gql('ivy', '{ listItems { items { itemId } } }')).listItems.items).toEqual([]);
  });
});

describe('against a deployed stack', () => {
  it('signs in with Cognito SRP instead (answered here: nothing leaves the machine)', async () => {
    const configPath = join(api.dataDir, 'aws-frontend-config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        graphqlEndpoint: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
        realtimeEndpoint: 'wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
        region: 'eu-west-1',
        defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS',
        additionalAuthModes: ['AWS_IAM'],
        userPoolId: 'eu-west-1_AbCdEfGhI',
        userPoolClientId: 'webclient',
      }),
    );
    const served = await serveApp(dist, { configPath });
    const context = await browser.newContext();
    contexts.push(context);
    try {
      const page = await context.newPage();
      const cognito: Array<{ target?: string; body: any }> = [];
      await page.route(/amazonaws\.com/, (route) => {
        const request = route.request();
        cognito.push({ target: request.headers()['x-amz-target'], body: request.postDataJSON() });
        return route.fulfill({
          status: 400,
          contentType: 'application/x-amz-json-1.1',
          headers: { 'x-amzn-errortype': 'NotAuthorizedException' },
          body: JSON.stringify({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }),
        });
      });
      await page.goto(served.origin);
      expect(await page.getByLabel('User name').count()).toBe(0);
      await page.getByLabel('Email').fill('ann@example.com');
      await page.getByLabel('Password').fill('Not-the-password-1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await eventually(() => page.getByRole('alert').textContent()).toBe('Incorrect username or password.');
      expect(cognito).toHaveLength(1);
      expect(cognito[0]!.target).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
      expect(cognito[0]!.body).toMatchObject({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'webclient', AuthParameters: { USERNAME: 'ann@example.com' } });
      expect(cognito[0]!.body.AuthParameters.SRP_A).toMatch(/^[0-9a-f]{256,}$/);
    } finally {
      await served.close();
    }
  });
});

describe('screenshot', () => {
  it('captures the app with some items (web-app.png)', async () => {
    const items = [
      { title: 'Ship the release notes', status: 'IN_PROGRESS', priority: 8, dueDate: '2026-12-04', tags: ['work'] },
      { title: 'Book dentist appointment', status: 'TODO', dueDate: '2026-12-10', tags: ['health'] },
      { title: 'Review pull request #42', status: 'DONE', priority: 5, tags: ['work', 'code'] },
      { title: 'Buy oat milk', status: 'TODO', tags: ['groceries'] },
    ];
    for (const i of [...items].reverse()) {
      await api.gql('ada', `mutation C($i: CreateItemInput!) { createItem(input: $i) { itemId } }`, { i });
    }
    const context = await browser.newContext({ viewport: { width: 820, height: 620 }, deviceScaleFactor: 1, colorScheme: 'light' });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, web.origin, 'ada');
    await eventually(() => titles(page)).toEqual(items.map((i) => i.title));
    await page.screenshot({ path: screenshotPath('web-app.png') });
  });
});
