/**
 * The recorder's corner of the workbench: one large button to record an interference the
 * moment it happened, and how many of their records wait in each status.
 */
import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { statusNames } from './record-terms';
import { type RecordStatus, recordsApi } from './records';

const counted: RecordStatus[] = ['draft', 'signed', 'complete'];

async function countsByStatus(): Promise<Record<RecordStatus, number>> {
  const totals = await Promise.all(
    counted.map(async (status) => (await recordsApi.list({ status, limit: 1 })).total),
  );

  return { draft: totals[0] ?? 0, signed: totals[1] ?? 0, complete: totals[2] ?? 0, voided: 0 };
}

export function MyRecordsCard() {
  const counts = useResource('my-record-counts', countsByStatus);

  return (
    <Card title="干预记录">
      <Flex vertical gap="middle">
        <Link to="/records/new">
          <Button
            type="primary"
            size="large"
            block
            icon={<EditOutlined />}
            style={{ height: 64, fontSize: 20 }}
            data-testid="workbench-record"
          >
            记录干预
          </Button>
        </Link>
        <Row gutter={[16, 16]} data-testid="workbench-record-counts">
          {counted.map((status) => (
            <Col key={status} xs={8}>
              <Link to={`/records?status=${status}`}>
                <Statistic
                  title={status === 'draft' ? '我的草稿' : `我的${statusNames[status]}`}
                  value={counts.error ? '—' : (counts.data?.[status] ?? '…')}
                />
              </Link>
            </Col>
          ))}
        </Row>
      </Flex>
    </Card>
  );
}
