import { describe, expect, it } from 'vitest';
import { ApiError, redact, redactHeaders } from '../../src/errors/index.ts';

describe('redact', () => {
  it('masks known secret values and secret-shaped fields', () => {
    const text =
      'Authorization: Bearer eyJabc.def-123 {"client_secret":"s3cr3t-value","x":1} <fueloauth xmlns="x">tok123456</fueloauth> password=hunter22';
    const out = redact(text, ['s3cr3t-value']);
    expect(out).not.toContain('eyJabc.def-123');
    expect(out).not.toContain('s3cr3t-value');
    expect(out).not.toContain('tok123456');
    expect(out).not.toContain('hunter22');
    expect(out).toContain('"x":1');
  });

  it('masks authorization headers only', () => {
    expect(redactHeaders({ Authorization: 'Bearer x', Accept: 'json' })).toEqual({
      Authorization: '[REDACTED]',
      Accept: 'json',
    });
  });

  it('formats API errors with method, path, status and SFMC code', () => {
    const e = new ApiError('API_ERROR', 'Not Authorized', {
      method: 'GET',
      path: '/x',
      status: 401,
      sfmcCode: 0,
    });
    expect(e.message).toBe('GET /x → 401 [0]: Not Authorized');
    expect(e.code).toBe('API_ERROR');
    expect(e.name).toBe('ApiError');
  });
});
