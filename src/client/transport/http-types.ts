export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  baseUrl: string;
  /** Path with query string, relative to `baseUrl`; what the request log and errors show. */
  path: string;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
  soapAction?: string;
  /** Lets a caller veto a retry of a retryable status (a SOAP fault arrives as HTTP 500). */
  isRetryable?: (response: HttpResponse) => boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, otherwise the text. */
  data: unknown;
  text: string;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse>;
