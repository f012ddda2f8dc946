// Who counts as "this machine": the local-only conveniences (the token mint
// the console uses) answer only callers on loopback that name the server by a
// loopback name, so neither the LAN nor a web page that rebinds its own DNS
// name to 127.0.0.1 can reach them. (Nothing of AppSync: AWS has no such
// endpoint; this is the twin's own safety.)
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** An address or host name that can only mean this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** A Host header (name[:port]) naming this machine: localhost, 127.0.0.1 or [::1]. */
export function isLoopbackHostHeader(value: string | undefined): boolean {
  if (!value) return false;
  const m = /^(localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i.exec(value.trim());
  return m !== null;
}

/** A request from this machine, addressed to this machine by name, and (for browsers) from a page of this machine. */
export function isLocalRequest(req: IncomingMessage): boolean {
  const peer = req.socket.remoteAddress ?? '';
  if (!isLoopbackHost(peer)) return false;
  if (!isLoopbackHostHeader(req.headers.host)) return false;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    try {
      if (!isLoopbackHost(new URL(origin).hostname)) return false;
    } catch {
      return false;
    }
  }
  return true;
}
