/**
 * The password policy, checked in the browser before the server checks it again: a minimum
 * length and a minimum number of character classes (upper, lower, digit, symbol), as the
 * settings define them (defaults 8 and 3).
 */

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, minClasses: 3 };

const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];
const numerals = ['零', '一', '二', '三', '四'];

export function passwordClasses(password: string): number {
  return classes.filter((pattern) => pattern.test(password)).length;
}

export function meetsPolicy(password: string, policy: PasswordPolicy): boolean {
  return [...password].length >= policy.minLength && passwordClasses(password) >= policy.minClasses;
}

/**
 * 至少 8 位，包含…至少三类, and what only the server can check (the username, the list of
 * common passwords, the account's earlier passwords), so the user knows before trying.
 */
export function policyText(policy: PasswordPolicy): string {
  const count = numerals[policy.minClasses] ?? String(policy.minClasses);

  return `至少 ${policy.minLength} 位，包含大写字母、小写字母、数字、符号中的至少${count}类，不含用户名，不是常见密码，不与最近几次用过的密码相同`;
}
