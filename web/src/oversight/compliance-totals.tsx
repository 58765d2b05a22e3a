/**
 * The reporting-rate figures of a region: completeness (已报 ÷ 应报) and timeliness (按时 ÷ 应报)
 * as rings with their percentage in words, and the counts beside them.
 */
import { Card, Col, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { type ComplianceView, rateText } from './oversight';

export function ComplianceTotals({ view }: { view: ComplianceView }) {
  const t = view.totals;
  const counts: Array<[string, number, string]> = [
    ['应报', t.expected, 'expected'],
    ['已报', t.submitted, 'submitted'],
    ['按时', t.onTime, 'on-time'],
    ['迟报', t.late, 'late'],
    ['缺报', t.missing, 'missing'],
    ['待审', t.pending, 'pending'],
    ['已退回', t.returned, 'returned'],
    ['已接收', t.accepted, 'accepted'],
  ];

  return (
    <Card size="small" data-testid="compliance-totals">
      <Flex wrap gap="large" align="center">
        <Rate label="完整率" rate={t.completeness} testId="compliance-completeness" />
        <Rate label="及时率" rate={t.timeliness} testId="compliance-timeliness" />
        <Row gutter={[24, 12]} style={{ flex: 1, minWidth: 280 }}>
          {counts.map(([label, value, key]) => (
            <Col key={key} xs={8} sm={6} md={3}>
              <Statistic
                title={label}
                value={value}
                suffix="期"
                data-testid={`compliance-total-${key}`}
              />
            </Col>
          ))}
        </Row>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
        报送单位 {view.reportingUnits} 个，统计至 {view.today}
        。应报：报送期限已过（或已提前报送）的单位季度； 是否迟报以首次报送为准。
      </Typography.Text>
    </Card>
  );
}

function Rate({ label, rate, testId }: { label: string; rate: number | null; testId: string }) {
  return (
    <Flex vertical align="center" gap={4} data-testid={testId}>
      <Progress
        type="circle"
        size={88}
        percent={rate === null ? 0 : Math.round(rate * 1000) / 10}
        format={() => rateText(rate)}
        status={rate !== null && rate < 0.9 ? 'exception' : 'normal'}
      />
      <Typography.Text strong>{label}</Typography.Text>
    </Flex>
  );
}
