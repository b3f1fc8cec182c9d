/**
 * One error base class with stable codes. Library code throws these; only the CLI turns them
 * into messages and exit codes. `name` is stable so `switch (e.name)` narrows.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'AUTH_FAILED'
  | 'TOKEN_EXPIRED'
  | 'API_ERROR'
  | 'RATE_LIMITED'
  | 'NETWORK_ERROR'
  | 'SOAP_FAULT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN_CHANGE'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'DEFINITION_INVALID'
  | 'PLAN_STALE'
  | 'PLAN_INVALID'
  | 'OUTPUT_FAILED'
  | 'UNSUPPORTED_SQL'
  | 'SQL_ERROR'
  | 'SYNC_FAILED'
  | 'TEST_FAILED'
  | 'USAGE';

export class KitError extends Error {
  override name = 'KitError';
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

export interface ApiErrorDetails {
  method: string;
  path: string;
  status?: number;
  /** SFMC's own error code (REST `errorcode`, SOAP `ErrorCode`, OAuth `error`). */
  sfmcCode?: string | number;
  /** Extra messages SFMC returned (`additionalErrors`, `validationErrors`, per-object results). */
  details?: string[];
  retryAfterMs?: number;
}

/** A remote call failed. Message and fields are redacted before they get here. */
export class ApiError extends KitError {
  override name = 'ApiError';
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly sfmcCode?: string | number;
  readonly details: string[];
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, info: ApiErrorDetails, options: { cause?: unknown } = {}) {
    const where = `${info.method} ${info.path}${info.status ? ` → ${info.status}` : ''}`;
    const sfmc = info.sfmcCode !== undefined && info.sfmcCode !== '' ? ` [${info.sfmcCode}]` : '';
    // An API's text is capped: an error answer can be megabytes, and a message is one screen at most.
    const shown = info.details?.slice(0, 20).map((d) => cap(d, 500)) ?? [];
    const more =
      (info.details?.length ?? 0) > shown.length ? [`… and ${info.details!.length - shown.length} more`] : [];
    const extra = shown.length ? `\n  - ${[...shown, ...more].join('\n  - ')}` : '';
    super(code, `${where}${sfmc}: ${cap(message, 1000)}${extra}`, options);
    this.method = info.method;
    this.path = info.path;
    this.status = info.status;
    this.sfmcCode = info.sfmcCode;
    this.details = info.details ?? [];
    this.retryAfterMs = info.retryAfterMs;
  }
}

/** A definition file is wrong; names the file, line and column. */
export class DefinitionError extends KitError {
  override name = 'DefinitionError';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;

  constructor(file: string, message: string, position: { line?: number; column?: number } = {}) {
    const at = position.line ? `:${position.line}${position.column ? `:${position.column}` : ''}` : '';
    super('DEFINITION_INVALID', `${file}${at}: ${message}`);
    this.file = file;
    this.line = position.line;
    this.column = position.column;
  }
}

function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… [${text.length - max} more characters]` : text;
}

export function isKitError(e: unknown): e is KitError {
  return e instanceof KitError;
}
