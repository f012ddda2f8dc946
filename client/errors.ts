// AppSync's error objects and the error the client throws for them. AppSync puts
// errorType/errorInfo at the top level of each error (not under `extensions`).

export interface AppSyncErrorEntry {
  message: string;
  /** e.g. NotFound, Conflict, ValidationError, Unauthorized, UnauthorizedException, DynamoDB:ConditionalCheckFailedException. */
  errorType?: string | null;
  errorInfo?: unknown;
  path?: ReadonlyArray<string | number> | null;
  locations?: ReadonlyArray<{ line: number; column: number; sourceName?: string | null }> | null;
  data?: unknown;
}

export class AppSyncError extends Error {
  override readonly name = 'AppSyncError';
  /** errorType of the first error (what callers usually switch on). */
  readonly errorType: string | undefined;
  readonly errors: readonly AppSyncErrorEntry[];
  /** Partial data that came with the errors, if any. */
  readonly data: unknown;
  /** HTTP status (401 for rejected credentials); undefined for real-time errors. */
  readonly status: number | undefined;

  constructor(errors: readonly AppSyncErrorEntry[], options: { data?: unknown; status?: number } = {}) {
    const first = errors[0];
    super(first ? first.message : 'AppSync request failed');
    this.errors = errors;
    this.errorType = first?.errorType ?? undefined;
    this.data = options.data ?? null;
    this.status = options.status;
  }

  /** True if any error has this errorType. */
  hasType(errorType: string): boolean {
    return this.errors.some((e) => e.errorType === errorType);
  }
}

/** Normalizes whatever came in an `errors` array into entries with a message. */
export function toErrorEntries(raw: unknown): AppSyncErrorEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e: unknown) => {
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      return { ...o, message: typeof o.message === 'string' ? o.message : JSON.stringify(o) } as AppSyncErrorEntry;
    }
    return { message: String(e) };
  });
}
