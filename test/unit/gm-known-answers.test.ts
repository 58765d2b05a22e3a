/**
 * Known-answer tests of the GM algorithms as this Node build provides them (issue 8,
 * Cryptography): SM3 with the two examples of GB/T 32905-2016 Appendix A, SM4 with the two
 * examples of GB/T 32907-2016 Appendix A (one block, and the same block encrypted 1,000,000
 * times). A Node or OpenSSL without them, or with a wrong one, fails here first.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

describe('SM3 (GB/T 32905-2016, Appendix A)', () => {
  it('hashes "abc" (example 1)', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('hashes "abcd" sixteen times (example 2, two blocks)', () => {
    expect(createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('SM4 (GB/T 32907-2016, Appendix A)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');

  it('encrypts and decrypts one block (example 1)', () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const block = cipher.update(key);
    expect(Buffer.concat([block, cipher.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
    const decipher = createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([decipher.update(block), decipher.final()])).toEqual(key);
  });

  it('encrypts the block 1,000,000 times over (example 2)', () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i += 1) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});
