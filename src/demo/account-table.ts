/** The console table of the demo's accounts, aligned for Chinese characters (two columns wide). */
import { type DemoAccount, roleNames } from './demo-people.js';

export function accountTable(accounts: DemoAccount[]): string {
  const header = ['用户名 username', '姓名 name', '角色 role', '单位 unit', '密码 password'];
  const rows = accounts.map((a) => [
    a.username,
    a.name,
    roleNames[a.role],
    `${a.unit} ${a.unitName}`,
    a.password,
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => width(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell)))
      .join('  ')
      .trimEnd();

  return [
    '演示账号（均已完成首次登录改密，可直接登录）',
    'Demo accounts (past the first-sign-in password change; sign in directly):',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

/** Columns a terminal gives the text: CJK characters and full-width forms take two. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1;

  return columns;
}
