import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  // Every mocked request a test declared must have been made.
  expect(pending).toEqual([]);
});
