import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  passwordClasses,
  verifyPassword,
} from '../../src/auth/password.js';
import { isCommonPassword, passwordProblems } from '../../src/auth/password-policy.js';

const meetsPolicy = (password: string, rules: Parameters<typeof passwordProblems>[1]) =>
  passwordProblems(password, rules).length === 0;

const policy = { minLength: 8, minClasses: 3 };

describe('password policy', () => {
  it.each([
    ['Abcdefh7', true, 'upper, lower, digit'],
    ['abcdefg1!', true, 'lower, digit, symbol'],
    ['ABCDEFG1!', true, 'upper, digit, symbol'],
    ['Abc1!', false, 'too short'],
    ['abcdefgh1', false, 'two classes'],
    ['ABCDEFGHI', false, 'one class'],
    ['密码Abcdef1', true, 'Chinese characters count as symbols'],
    [`Aa1!${'x'.repeat(200)}`, false, 'longer than 128'],
    ['Password1', false, 'one of the most common passwords'],
    ['1Qaz2wsx', false, 'a common keyboard walk, whatever the case'],
    ['Qx-Filler-2026', false, 'contains the username, whatever the case'],
    ['Liuhen-Strong-2026', true, 'long, mixed, not common'],
  ])('%s → %s (%s)', (password, ok) => {
    expect(meetsPolicy(password, { ...policy, username: 'qx-filler' })).toBe(ok);
  });

  it('says what is wrong, in Chinese', () => {
    expect(passwordProblems('password', { ...policy, username: 'pass' })).toEqual([
      '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
      '密码不能包含用户名',
      '该密码属于最常见的一万个密码之一，容易被猜中，请换一个',
    ]);
  });

  it('knows the shipped list exactly, not by prefix', () => {
    for (const common of ['123456', 'qwerty', 'iloveyou', 'Dragon', 'zaq12wsx'])
      expect(isCommonPassword(common), common).toBe(true);
    for (const rare of ['qwertyuiop[]\\', 'Liuhen-2026!', 'passw0rd!', '统计法治2026'])
      expect(isCommonPassword(rare), rare).toBe(false);
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
