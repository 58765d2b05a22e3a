import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  meetsPolicy,
  passwordClasses,
  verifyPassword,
} from '../../src/auth/password.js';

const policy = { minLength: 8, minClasses: 3 };

describe('password policy', () => {
  it.each([
    ['Abcdefg1', true, 'upper, lower, digit'],
    ['abcdefg1!', true, 'lower, digit, symbol'],
    ['ABCDEFG1!', true, 'upper, digit, symbol'],
    ['Abc1!', false, 'too short'],
    ['abcdefgh1', false, 'two classes'],
    ['ABCDEFGHI', false, 'one class'],
    ['密码Abcdef1', true, 'Chinese characters count as symbols'],
    [`Aa1!${'x'.repeat(200)}`, false, 'longer than 128'],
  ])('%s → %s (%s)', (password, ok) => {
    expect(meetsPolicy(password, policy)).toBe(ok);
  });

  it('counts the four classes', () => {
    expect(passwordClasses('aA1!')).toBe(4);
    expect(passwordClasses('aaaa')).toBe(1);
  });

  it('generates one-time passwords that meet the policy and differ', () => {
    const many = Array.from({ length: 50 }, generatePassword);

    for (const p of many) expect(meetsPolicy(p, { minLength: 14, minClasses: 4 })).toBe(true);
    expect(new Set(many).size).toBe(50);
  });

  it('hashes with scrypt and a random salt, and verifies', async () => {
    const a = await hashPassword('Secret-123', 1024);
    const b = await hashPassword('Secret-123', 1024);

    expect(a).not.toBe(b);
    expect(await verifyPassword('Secret-123', a)).toBe(true);
    expect(await verifyPassword('Secret-124', a)).toBe(false);
    expect(await verifyPassword('Secret-123', 'garbage')).toBe(false);
  });
});
