/**
 * The region the analysis pages are shown on, set up through the API: two counties' four
 * quarters of last year (Beijing time), sent to the city bureau and accepted, but for one
 * quarter still awaiting a decision and one never sent.
 *
 * | unit   | Q1                                   | Q2                      | Q3   | Q4                       |
 * | ------ | ------------------------------------ | ----------------------- | ---- | ------------------------ |
 * | 杞县   | 王副县长 letter; 张镇长 WeChat         | 王副县长 oral            | zero | 李主任 phone              |
 * | 通许县 | 王副县长 letter                       | 张镇长 email (submitted) | zero | not sent                 |
 */
import { PNG } from '../support/fixtures.js';
import { ADMIN_ONE_TIME } from './browser.js';
import { HttpSession } from './http-session.js';

export const PASSWORD = 'Analysis-Pass-2026';

type Json = Record<string, unknown>;

const people = [
  ['kf-reviewer', '赵法规', '410200', ['reviewer']],
  ['qx-recorder', '刘记录', '410221', ['recorder', 'filler']],
  ['qx-leader', '李分管', '410221', ['ruleOfLawLeader']],
  ['qx-principal', '王局长', '410221', ['principal']],
  ['tx-recorder', '陈记录', '410222', ['recorder', 'filler']],
  ['tx-leader', '周分管', '410222', ['ruleOfLawLeader']],
  ['tx-principal', '吴局长', '410222', ['principal']],
] as const;

const wang = { name: '王副县长', post: '某县人民政府副县长', level: 'county' };
const zhang = { name: '张镇长', post: '某镇人民政府镇长', level: 'township' };
const li = { name: '李主任', post: '某开发区管委会主任', level: 'other' };
const industry = { name: '规模以上工业增加值', period: '季度' };
const investment = { name: '固定资产投资', period: '季度' };
const retail = { name: '社会消费品零售总额', period: '季度' };

function letter(interferer: Json, date: string, situation: string, indicators: Json[]) {
  return {
    form: 'letter',
    occurredAt: date,
    interferer,
    situation,
    details: { senderUnit: '县发改委' },
    content: { indicators },
    noEvidenceReason: '原件已退回',
  };
}

function message(interferer: Json, at: string, channel: string, detail: Json, situation: string) {
  return {
    form: 'message',
    channel,
    occurredAt: at,
    interferer,
    situation,
    details: detail,
    content: { indicators: [investment], storageMedium: '手机聊天记录，已截屏' },
    noEvidenceReason: '对方已撤回消息',
  };
}

/** Sets the region up; returns last year, whose quarters hold the records. */
export async function buildAnalysisScene(url: string): Promise<number> {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1;
  const sys = await HttpSession.signIn(url, 'sysadmin', ADMIN_ONE_TIME, 'Sys-Admin-2026');
  const sec = await HttpSession.signIn(url, 'secadmin', ADMIN_ONE_TIME, 'Sec-Admin-2026');
  for (const [username, name, unit, roles] of people) {
    await sys.call('POST', '/api/v1/users', { username, name, unit, password: 'First-Pass-01' });
    await sec.call(
      'PUT',
      `/api/v1/users/${username}/roles`,
      roles.map((role) => ({ role, unit })),
    );
    await HttpSession.signIn(url, username, 'First-Pass-01', PASSWORD);
  }
  for (const unit of ['410221', '410222'])
    await sys.upload(`/api/v1/units/${unit}/seal`, '公章.png', PNG);

  const as = (username: string) => HttpSession.signIn(url, username, PASSWORD);
  const staff = {
    '410221': {
      recorder: await as('qx-recorder'),
      leader: await as('qx-leader'),
      principal: await as('qx-principal'),
    },
    '410222': {
      recorder: await as('tx-recorder'),
      leader: await as('tx-leader'),
      principal: await as('tx-principal'),
    },
  };
  const reviewer = await as('kf-reviewer');

  async function record(unit: '410221' | '410222', body: Json) {
    const { recorder } = staff[unit];
    const created = await recorder.call('POST', '/api/v1/records', {
      unit,
      office: '综合科',
      ...body,
    });
    await recorder.call('POST', `/api/v1/records/${created.id}/sign`, { password: PASSWORD });
  }

  async function send(unit: '410221' | '410222', quarter: number, accept = true) {
    const { recorder, leader, principal } = staff[unit];
    const path = `/api/v1/reports/${unit}/${year}Q${quarter}`;
    await recorder.call('POST', `${path}/compile`, { witnessGapReason: '在场人员已调离' });
    await leader.call('POST', `${path}/signatures`, {
      role: 'ruleOfLawLeader',
      password: PASSWORD,
    });
    await principal.call('POST', `${path}/signatures`, { role: 'principal', password: PASSWORD });
    await recorder.call('POST', `${path}/seal`);
    await recorder.call('POST', `${path}/submit`);
    if (accept) await reviewer.call('POST', `${path}/accept`);
  }

  await record('410221', letter(wang, `${year}-02-10`, '2023-2', [industry]));
  await record(
    '410221',
    message(zhang, `${year}-03-05T10`, 'wechat', { wechat: 'zh_zz' }, '2023-1'),
  );
  await record('410221', {
    form: 'oral',
    occurredAt: `${year}-05-20T15`,
    interferer: wang,
    situation: '2023-3',
    details: { place: '县政府三楼会议室', witnesses: [{ name: '孙科员', post: '综合科科员' }] },
    content: { indicators: [industry, retail], words: '这个数报上去不好看，再研究研究。' },
  });
  await record('410221', {
    ...message(li, `${year}-11-03T09`, 'phone', { phone: '13700000000' }, '2023-4'),
    content: { indicators: [retail, industry], storageMedium: '通话录音' },
  });
  await record('410222', letter(wang, `${year}-01-22`, '2023-2', [industry, investment]));
  await record(
    '410222',
    message(zhang, `${year}-06-11T16`, 'email', { email: 'z@example.cn' }, '2023-3'),
  );

  for (const quarter of [1, 2, 3, 4]) await send('410221', quarter);
  await send('410222', 1);
  await send('410222', 2, false);
  await send('410222', 3);

  return year;
}
