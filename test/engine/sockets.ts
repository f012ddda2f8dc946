// What `ss -ltnp` shows, read from /proc (Linux): the TCP listeners of given
// processes, with their local address, and whether a port can be bound again.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Listener {
  pid: number;
  address: string;
  port: number;
}

/** 0100007F → 127.0.0.1; IPv6 words are stored as four little-endian 32-bit groups. */
function decodeAddress(hex: string): string {
  if (hex.length === 8) return hex.match(/../g)!.reverse().map((b) => parseInt(b, 16)).join('.');
  const bytes = hex.match(/.{8}/g)!.flatMap((word) => word.match(/../g)!.reverse());
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(parseInt(bytes[i] + bytes[i + 1], 16).toString(16));
  const v6 = groups.join(':');
  // ::ffff:a.b.c.d, the IPv4-mapped form a dual-stack socket shows.
  if (v6.startsWith('0:0:0:0:0:ffff:')) return `::ffff:${bytes.slice(12).map((b) => parseInt(b, 16)).join('.')}`;
  return v6 === '0:0:0:0:0:0:0:0' ? '::' : v6;
}

/** Listening TCP sockets (state 0A) by inode. */
function listeningByInode(): Map<string, { address: string; port: number }> {
  const out = new Map<string, { address: string; port: number }>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue;
      const [addr, port] = f[1].split(':');
      out.set(f[9], { address: decodeAddress(addr), port: parseInt(port, 16) });
    }
  }
  return out;
}

/** The listeners each of `pids` holds. */
export function listenersOf(pids: number[]): Listener[] {
  const byInode = listeningByInode();
  const found: Listener[] = [];
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = '';
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      const l = inode ? byInode.get(inode) : undefined;
      if (l) found.push({ pid, ...l });
    }
  }
  return found;
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

/** Every process below `pid` (children, grandchildren, …), from /proc. */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: split after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

/** Running, not a zombie waiting for a parent that does not reap it. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** True when nothing listens on 127.0.0.1:port any more. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
