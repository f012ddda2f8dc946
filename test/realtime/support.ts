// Starts the local server over HTTPS on the realtime fixture API and runs client
// scripts in child processes that trust its certificate via NODE_EXTRA_CA_CERTS.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { startLocalAppSync, type LocalAppSync } from '../../local/server/index.js';
import { api, files, schema } from './fixtures/api.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export async function startHttpsFixture(https = true): Promise<{ server: LocalAppSync; certPath: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'appsync-rt-'));
  const server = await startLocalAppSync({
    root,
    api,
    schema,
    files,
    dataDir,
    https,
    port: 0,
    host: '127.0.0.1',
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: `rt${process.pid}_${Date.now()}_`,
    frontendConfigPath: false,
  });
  return { server, certPath: join(dataDir, 'tls', 'localhost.crt') };
}

export function runClient(script: string, env: Record<string, string>): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/realtime/clients', script)],
      { cwd: root, env: { ...process.env, ...env }, timeout: 25_000 },
      (err, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line));
        } catch {
          reject(new Error(`${script} failed: ${err?.message ?? ''}\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}
