// util.str
export const str = {
  toUpper: (s) => s.toUpperCase(),
  toLower: (s) => s.toLowerCase(),
  toReplace: (s, a, b) => s.split(a).join(b),
  normalize: (s, form) => s.normalize(String(form).toUpperCase()),
};
