import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../src/platform/errors.js';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');

describe('the error registry', () => {
  it.each(Object.entries(errorCatalog))(
    'documents %s in docs/errors.md with its status',
    (code, entry) => {
      expect(doc).toContain(`| \`${code}\` | ${entry.status} | ${entry.message} |`);
    },
  );

  it.each(Object.entries(errorCatalog))(
    'gives %s a Chinese message and a 4xx/5xx status',
    (_code, entry) => {
      expect(entry.message).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
    },
  );
});
