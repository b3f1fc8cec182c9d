import { ApiError, type ErrorCode, redact } from '../../errors/index.ts';
import type { HttpResponse } from '../transport/http-types.ts';

interface SfmcRestErrorBody {
  message?: unknown;
  errorcode?: unknown;
  errorCode?: unknown;
  additionalErrors?: Array<{ message?: unknown; errorcode?: unknown }>;
  validationErrors?: Array<{ message?: unknown; errorcode?: unknown }>;
  errors?: Array<{ message?: unknown } | string>;
  resultMessages?: Array<{ message?: unknown; resultCode?: unknown }>;
  error?: unknown;
  error_description?: unknown;
}

/** Maps an SFMC REST error response to an ApiError; every text passes through `redact`. */
export function restError(
  method: string,
  path: string,
  response: HttpResponse,
  secrets: Iterable<string>,
): ApiError {
  const body: SfmcRestErrorBody =
    response.data && typeof response.data === 'object' ? (response.data as SfmcRestErrorBody) : {};
  const details: string[] = [];
  const push = (item: unknown) => {
    if (typeof item === 'string') details.push(item);
    else if (item && typeof item === 'object') {
      const { message, errorcode, resultCode } = item as Record<string, unknown>;
      const code = errorcode ?? resultCode;
      if (message !== undefined) details.push(`${code !== undefined ? `[${code}] ` : ''}${String(message)}`);
    }
  };
  for (const list of [body.additionalErrors, body.validationErrors, body.errors, body.resultMessages]) {
    if (Array.isArray(list)) list.forEach(push);
  }
  let message =
    typeof body.message === 'string'
      ? body.message
      : typeof body.error_description === 'string'
        ? body.error_description
        : typeof response.data === 'string' && response.data.trim() !== ''
          ? response.data.trim().slice(0, 500)
          : `HTTP ${response.status}`;
  if (message === `HTTP ${response.status}` && details.length === 1) message = details.shift() ?? message;
  const sfmcCode = (body.errorcode ?? body.errorCode ?? body.error) as string | number | undefined;
  const secretList = [...secrets];
  return new ApiError(codeFor(response.status), redact(message, secretList), {
    method,
    path,
    status: response.status,
    sfmcCode: typeof sfmcCode === 'string' || typeof sfmcCode === 'number' ? sfmcCode : undefined,
    details: details.map((d) => redact(d, secretList)),
  });
}

function codeFor(status: number): ErrorCode {
  if (status === 401) return 'TOKEN_EXPIRED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  return 'API_ERROR';
}
