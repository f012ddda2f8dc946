// A self-signed certificate for https:// and wss:// on this machine. Amplify JS
// always opens the real-time socket with wss://, so local HTTPS is needed for it;
// the certificate is generated once and kept so that trusting it once is enough.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
  certPath: string;
}

export async function ensureCertificate(dir: string): Promise<Certificate> {
  const certPath = join(dir, 'localhost.crt');
  const keyPath = join(dir, 'localhost.key');
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    return { key, cert, certPath };
  } catch {
    // not generated yet
  }
  await mkdir(dir, { recursive: true });
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + 825 * 24 * 3600 * 1000); // browsers' limit for leaf certs
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { key: pems.private, cert: pems.cert, certPath };
}

/** How to make clients trust the certificate (printed at start-up). */
export function trustInstructions(certPath: string): string {
  return [
    `TLS certificate: ${certPath} (self-signed, localhost/127.0.0.1/::1)`,
    `  Node clients:   NODE_EXTRA_CA_CERTS=${certPath}`,
    `  Debian/Ubuntu:  sudo cp ${certPath} /usr/local/share/ca-certificates/appsync-local.crt && sudo update-ca-certificates`,
    `  macOS:          sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${certPath}`,
  ].join('\n');
}
