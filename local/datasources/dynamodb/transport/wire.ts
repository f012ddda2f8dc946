// The transport for local engines (DynamoDB Local, or any endpoint that is not
// AWS): DynamoDB's JSON protocol — POST, X-Amz-Target, a JSON body — over a
// keep-alive pool. `npm run bench` measures it as the raw side of its
// "GetItem, wire" row: about 0.17 ms of client CPU per GetItem against 0.6 ms
// for the SDK client, whose per-call middleware (endpoint rules, signing, user
// agent, retry bookkeeping, schema serde) is most of that.
//
// Local engines check no signature: the header only has to name the access key
// and region, which pick the database file when the engine is not -sharedDb —
// the same ones the SDK client for that endpoint uses, so both see one store.
// They never throttle either, so the one retry is for a kept-alive socket the
// engine closed while it sat idle (the request never reached it).
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../engine/client.js';
import { reviveBinary } from './bytes.js';
import type { DynamoDbTransport } from './types.js';

const AUTHORIZATION =
  `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20200101/${LOCAL_REGION}/dynamodb/aws4_request, ` +
  `SignedHeaders=content-type;host;x-amz-target, Signature=${'0'.repeat(64)}`;

interface WireFailure extends Error {
  $metadata: { httpStatusCode: number; requestId?: string };
}

export function wireTransport(endpoint: string): DynamoDbTransport {
  const url = new URL(endpoint);
  const secure = url.protocol === 'https:';
  // A burst (a page of nested fields, a pipeline fan-out) should not queue in the pool.
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 256 }) : new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const send = secure ? httpsRequest : httpRequest;
  const target = { agent, hostname: url.hostname, port: url.port || undefined, path: url.pathname, method: 'POST' } as const;

  function post(operation: string, body: string, retried: boolean): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req: ClientRequest = send(
        {
          ...target,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'content-length': Buffer.byteLength(body),
            'x-amz-target': `DynamoDB_20120810.${operation}`,
            authorization: AUTHORIZATION,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) return reject(failure(res, text));
            // A throw here would escape the promise and take the server down.
            try {
              resolve(parseOutput(text));
            } catch {
              reject(failure(res, text));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && e.code === 'ECONNRESET') resolve(post(operation, body, true));
        else reject(e.message ? e : new Error(e.code ?? 'connection failed'));
      });
      req.end(body);
    });
  }

  return {
    call: (operation, input) => post(operation, JSON.stringify(input), false) as never,
    destroy: () => agent.destroy(),
  };
}

function parseOutput(text: string): unknown {
  const out: unknown = text ? JSON.parse(text) : {};
  // Skip the walk for the common answer without any binary value.
  if (text.includes('"B')) reviveBinary(out);
  return out;
}

/** An error in the SDK's shape: the exception's name, its message, status, request id and extra fields. */
function failure(res: IncomingMessage, text: string): WireFailure {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status says what happened.
  }
  const { __type, message: lower, Message: upper, ...fields } = body;
  reviveBinary(fields);
  const name = typeof __type === 'string' ? __type.slice(__type.lastIndexOf('#') + 1) : `HTTP${res.statusCode}`;
  const message = typeof lower === 'string' ? lower : typeof upper === 'string' ? upper : text.slice(0, 200) || name;
  const requestId = res.headers['x-amzn-requestid'];
  return Object.assign(new Error(message), fields, {
    name,
    $metadata: { httpStatusCode: res.statusCode ?? 0, ...(typeof requestId === 'string' ? { requestId } : {}) },
  });
}
