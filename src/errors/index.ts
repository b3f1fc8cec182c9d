export * from './kit-error.ts';
export * from './redact.ts';
