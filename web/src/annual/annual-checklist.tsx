/**
 * What still keeps a bureau's year open before its annual report (年度清单): units of the
 * region whose four quarters are not all accepted, bureaus below that have not sent their
 * yearly summary, and referrals still awaiting feedback — each with a count and links to
 * where it is dealt with; 「年度工作已齐备」 once nothing is open and the bureau's own
 * summary has been sent.
 */
import { Alert, Card, Flex, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { complianceNames } from '../oversight/oversight';
import { dateText, quarterText } from '../reports/quarters';
import { type AnnualView, annualLinks } from './annual';
import { AnnualComplianceTag, annualProgressText } from './annual-compliance-tag';
import { CardHeading } from './card-heading';

export function AnnualChecklist({ view }: { view: AnnualView }) {
  const { quarters, summaries, referrals, complete } = view.checklist;
  const ownSent = view.versions.some((v) => v.submittedAt !== null);

  return (
    <Card
      size="small"
      title={<CardHeading>年度清单</CardHeading>}
      data-testid="annual-checklist"
      data-complete={complete}
    >
      <Flex vertical gap="middle">
        {complete ? (
          <Alert
            type="success"
            showIcon
            title="年度工作已齐备"
            description="各季度报告均已接收，下级统计局的本地区汇总表均已报送，移送函均已反馈，本局汇总表已报送。"
            data-testid="annual-complete"
          />
        ) : (
          !ownSent && (
            <Typography.Text data-testid="annual-own-open">
              本局{view.year}年度本地区汇总表尚未报送。
            </Typography.Text>
          )
        )}
        <Section title={`季度报告未全部接收的单位（${quarters.length} 个）`} testId="quarters">
          {quarters.length > 0 && (
            <List
              size="small"
              dataSource={quarters}
              renderItem={(u) => (
                <List.Item data-testid={`annual-quarters-${u.unit}`}>
                  <Flex wrap gap="small" align="center">
                    <Typography.Text strong>{u.name}</Typography.Text>
                    {u.open.map((q) => (
                      <Link
                        key={q.period}
                        to={`/reports/${encodeURIComponent(u.unit)}/${q.period}`}
                        data-testid={`annual-quarter-${u.unit}-${q.period}`}
                      >
                        {quarterText(q.period)}：{complianceNames[q.status]}
                      </Link>
                    ))}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Section>
        <Section
          title={`本地区汇总表未报送的下级统计局（${summaries.length} 个）`}
          testId="summaries"
        >
          {summaries.length > 0 && (
            <List
              size="small"
              dataSource={summaries}
              renderItem={(cell) => (
                <List.Item data-testid={`annual-summary-${cell.unit}`}>
                  <Flex wrap gap="small" align="center">
                    <Link to={annualLinks.page(cell.unit, cell.year)}>{cell.name}</Link>
                    <AnnualComplianceTag cell={cell} />
                    <Typography.Text type="secondary">{annualProgressText(cell)}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Section>
        <Section title={`已移送待反馈的移送函（${referrals.length} 件）`} testId="referrals">
          {referrals.length > 0 && (
            <List
              size="small"
              dataSource={referrals}
              renderItem={(r) => (
                <List.Item data-testid={`annual-referral-${r.id}`}>
                  <Flex wrap gap="small" align="center">
                    <Link to={`/referrals/${r.id}`}>{r.number}</Link>
                    <Typography.Text type="secondary">
                      发函 {dateText(r.letterDate)}，反馈期限 {dateText(r.dueDate)}
                    </Typography.Text>
                    {r.overdue && <Tag color="error">逾期未反馈</Tag>}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Section>
      </Flex>
    </Card>
  );
}

function Section(props: { title: string; testId: string; children: ReactNode }) {
  const empty = !props.children;

  return (
    <section data-testid={`annual-checklist-${props.testId}`}>
      <h6 style={{ fontSize: 14, fontWeight: 600, margin: '0 0 4px' }}>{props.title}</h6>
      {empty ? <Typography.Text type="secondary">无</Typography.Text> : props.children}
    </section>
  );
}
