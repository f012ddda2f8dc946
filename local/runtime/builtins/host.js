// The capabilities the host lends the sandbox (see ../host.ts): primitives in,
// primitives out. Set once by install() before any resolver code runs.
export let host = null;

export function setHost(h) {
  host = h;
}
