// AppSync's API reference caps a resolver's or function's `code` at 32,768
// characters (Resolver.code / FunctionConfiguration.code length constraint).
export const MAX_CODE_LENGTH = 32_768;
