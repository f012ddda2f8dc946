// The load generator's GraphQL client: node:http with a keep-alive pool of one
// socket per worker — the same transport the AWS SDK uses for the raw baseline,
// so the comparison is not skewed by a heavier client (undici's fetch costs
// several times more CPU per request than the server's own HTTP handling).
import { Agent, request } from 'node:http';

export interface GraphQLPoster {
  post(token: string, query: string, variables?: object): Promise<any>;
  close(): void;
}

export function graphqlPoster(url: string, sockets: number): GraphQLPoster {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port, pathname } = new URL(url);
  return {
    post(token, query, variables) {
      const body = JSON.stringify({ query, variables });
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            hostname,
            port,
            path: pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: token },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let parsed: { data?: unknown; errors?: Array<{ message: string }> };
              try {
                parsed = JSON.parse(text);
              } catch {
                reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
                return;
              }
              if (parsed.errors?.length) reject(new Error(parsed.errors[0].message));
              else resolve(parsed.data);
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
