/**
 * The region every analysis suite reads, in 2020 (2017 rule version throughout):
 *
 * | unit  | quarter | records                                              | report    |
 * | ----- | ------- | ---------------------------------------------------- | --------- |
 * | 杞县  | 2020Q1  | 王某 letter 县处级 (二); 张某 WeChat 乡科级 (四)        | accepted  |
 * | 杞县  | 2020Q2  | 王某 letter 县处级 (二)                                | returned  |
 * | 杞县  | 2020Q3  | none (zero report)                                   | accepted  |
 * | 通许县 | 2020Q1  | 王某 oral 县处级 (三); 赵某 letter 其他 (一)            | submitted |
 * | 通许县 | 2020Q3  | 张某 email 乡科级 (六)                                 | accepted  |
 */
import { QX, type RegionStaff, TX } from './region-fixture.js';

const industry = { name: '规模以上工业增加值', period: '2020年一季度' };
const investment = { name: '固定资产投资', period: '2020年一季度' };

export async function buildScenario(r: RegionStaff): Promise<void> {
  await r.record(QX, {
    occurredAt: '2020-02-10',
    interferer: { name: '王某', post: '杞县副县长', level: 'county' },
    situation: '2017-2',
    content: { indicators: [industry] },
  });
  await r.record(
    QX,
    {
      occurredAt: '2020-03-02T10',
      interferer: { name: '张某', post: '某镇镇长', level: 'township' },
      situation: '2017-4',
      content: {
        indicators: [investment, industry],
        storageMedium: '手机微信聊天记录，已截屏',
      },
    },
    'message',
  );
  await r.submit(QX, '2020Q1');
  await r.accept(QX, '2020Q1');

  await r.record(QX, {
    occurredAt: '2020-05-10',
    interferer: { name: '王某', post: '杞县副县长', level: 'county' },
    situation: '2017-2',
  });
  await r.submit(QX, '2020Q2');
  await r.returnReport(QX, '2020Q2');

  await r.submit(QX, '2020Q3');
  await r.accept(QX, '2020Q3');

  await r.record(
    TX,
    {
      occurredAt: '2020-01-15T09',
      interferer: { name: '王 某', post: '杞县副县长', level: 'county' },
      situation: '2017-3',
    },
    'oral',
  );
  await r.record(TX, {
    occurredAt: '2020-03-20',
    interferer: { name: '赵某', post: '某公司经理', level: 'other' },
    situation: '2017-1',
    content: { words: '报表上的数再改改。' },
  });
  await r.submit(TX, '2020Q1');

  await r.record(
    TX,
    {
      occurredAt: '2020-08-03T16',
      channel: 'email',
      details: { email: 'zhang@example.cn' },
      interferer: { name: '张某', post: '通许县商务局局长', level: 'township' },
      situation: '2017-6',
      content: { indicators: [investment], storageMedium: '单位邮箱，已打印' },
    },
    'message',
  );
  await r.submit(TX, '2020Q3');
  await r.accept(TX, '2020Q3');
}
