// aws-samples/aws-cdk-examples typescript/appsync-graphql-dynamodb, synthesized
// by `cdk synth` (test/fixtures/cdk-apps/cars/SOURCE.md), served by the
// --cdk-out door with the sample's own data files as --seed. Nobody here wrote
// this app: what it should answer is derived from its resolver code and AWS's
// documentation, not from what the twin happens to do.
// - an IAM-only API in eu-central-1 (the stack's env): SigV4 for that region;
// - two tables with fixed TableNames (cardata-cars, cardata-defects), a GSI;
// - Query.getCar: a pipeline [getCars] over GetItem; Car.defects: a pipeline
//   [getDefects] on a nested field, querying the GSI by ctx.source.licenseplate.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';

const fixture = fileURLToPath(new URL('../fixtures/cdk-apps/cars/', import.meta.url));
type Attr = Record<string, { S?: string; N?: string }>;
const cars = JSON.parse(readFileSync(join(fixture, 'seed/cars.json'), 'utf8')) as Attr[];
const defectsFile = JSON.parse(readFileSync(join(fixture, 'seed/defects.json'), 'utf8')) as Attr[];
// The sample's data file reuses ids (the table's only key) across cars: PutItem replaces an item with
// the same key ("PutItem" in the DynamoDB API reference), so the table holds the last write of each id
// and some cars end up with no defects at all. That is what DynamoDB would hold after the sample's own
// utils/index.js loader too.
const defects = [...new Map(defectsFile.map((d) => [d.id.S, d])).values()];

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
    dataDir: mkdtempSync(join(tmpdir(), 'appsync-cars-')),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    // The shared engine holds every test file's tables: the fixed names get a run prefix.
    tablePrefix: `cars${process.pid}-`,
    seed: [
      { table: 'cardata-cars', file: join(fixture, 'seed/cars.json') },
      { table: 'cardata-defects', file: join(fixture, 'seed/defects.json') },
    ],
    port: 0,
    watch: false,
    frontendConfigPath: false,
    verbose: !!process.env.DBG,
    log: (l) => { lines.push(l); if (process.env.DBG) console.log(l); },
  });
});

afterAll(async () => {
  await app?.stop();
});

const GET_CAR = `query ($p: String!) { getCar(licenseplate: $p) {
  licenseplate brand tradename expirydateapk firstcolor cylindercount cylindervolume firstregistrationdate catalogprice length width
  defects { licenseplate defectstartdate defectdescription } } }`;

describe('aws-cdk-examples appsync-graphql-dynamodb (cars), served from its cdk.out', () => {
  it('serves the stack as synthesized: IAM only, in the stack region, fixed table names seeded', () => {
    expect(app.authModes).toEqual(['AWS_IAM']);
    expect(app.keys.region).toBe('eu-central-1');
    expect(Object.values(app.tableNames).sort()).toEqual([`cars${process.pid}-cardata-cars`, `cars${process.pid}-cardata-defects`]);
    expect(lines).toContain(`seeded cars${process.pid}-cardata-defects with ${defectsFile.length} items`);
    expect(defects.length).toBeLessThan(defectsFile.length);
  });

  it('answers getCar with the stored car and its defects from the GSI (pipeline on a nested field)', async () => {
    const car = cars.find((c) => defects.some((d) => d.licenseplate.S === c.licenseplate.S))!;
    const plate = car.licenseplate.S!;
    const { status, body } = await signed(GET_CAR, { p: plate });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const got = body.data.getCar;
    // "Type system (response mapping)": a DynamoDB N reaches the resolver as a JSON number. The schema
    // types those fields String, and GraphQL's String result coercion turns a number into its decimal
    // text (GraphQL spec, "Scalars › String › Result Coercion"; AppSync's engine is graphql-java, whose
    // String coercing serialises numbers with toString). So `expirydateapk: {N: "20231019"}` answers "20231019".
    const fields = ['licenseplate', 'brand', 'tradename', 'expirydateapk', 'firstcolor', 'cylindercount', 'cylindervolume', 'firstregistrationdate', 'catalogprice', 'length', 'width'];
    // An attribute the item does not have resolves to null (no resolver on those fields).
    expect(got).toMatchObject(Object.fromEntries(fields.map((f) => [f, car[f]?.S ?? car[f]?.N ?? null])));
    expect(got.expirydateapk).toMatch(/^\d{8}$/);
    // getDefects queries index defect-by-licenseplate (partition key only, so no order is promised)
    // with limit 20: every defect of this car, each field as stored.
    const expected = defects
      .filter((d) => d.licenseplate.S === plate)
      .map((d) => ({ licenseplate: plate, defectstartdate: d.defectstartdate?.N ?? null, defectdescription: d.defectdescription?.S ?? null }));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(20);
    const sort = (xs: Array<Record<string, unknown>>) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sort(got.defects)).toEqual(sort(expected));
  });

  it('answers every seeded car, each with only its own defects', async () => {
    for (const car of cars) {
      const plate = car.licenseplate.S!;
      const { body } = await signed('query ($p: String!) { getCar(licenseplate: $p) { licenseplate defects { licenseplate } } }', { p: plate });
      expect(body.data.getCar.licenseplate).toBe(plate);
      expect(body.data.getCar.defects).toHaveLength(defects.filter((d) => d.licenseplate.S === plate).length);
      for (const d of body.data.getCar.defects) expect(d.licenseplate).toBe(plate);
    }
  });

  it('answers null for a car that is not stored (GetItem finds nothing; the pipeline returns ctx.prev.result)', async () => {
    const { body } = await signed(GET_CAR, { p: 'NO-SUCH-PLATE' });
    expect(body).toEqual({ data: { getCar: null } });
  });

  it('refuses a request without a signature, and one signed for another region', async () => {
    const unsigned = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: GET_CAR, variables: { p: 'x' } }) });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as any).errors[0].errorType).toBe('UnauthorizedException');
    const wrong = await signed(GET_CAR, { p: 'x' }, 'us-east-1');
    expect(wrong.status).toBe(401);
  });

  it('answers a missing required argument with a validation error before any resolver runs', async () => {
    const { body } = await signed('{ getCar { brand } }');
    expect(body.data).toBeNull();
    // graphql-java's validation message, as AppSync answers it (no errorType on validation errors).
    expect(body.errors![0]).toMatchObject({ path: null, message: expect.stringMatching(/^Validation error of type MissingFieldArgument: Missing field argument licenseplate/) });
  });
});
