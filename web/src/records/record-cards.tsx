/** The record list on a phone: one card per record, the whole card a tap target. */
import { Card, Empty, Flex, Pagination, type PaginationProps, Spin, Typography } from 'antd';
import type { Situation } from '../rules/rules';
import { formText, levelNames, occurredText, RecordStatusTag } from './record-terms';
import type { InterferenceRecord } from './records';
import { situationLabel } from './rule-situations';

interface Props {
  records: InterferenceRecord[];
  loading: boolean;
  situations: Map<string, Situation>;
  pagination: PaginationProps & { hideOnSinglePage?: boolean };
  onOpen: (record: InterferenceRecord) => void;
}

export function RecordCards({ records, loading, situations, pagination, onOpen }: Props) {
  return (
    <Spin spinning={loading}>
      <Flex vertical gap="small" data-testid="record-table">
        {records.length === 0 && !loading && <Empty description="暂无记录" />}
        {records.map((record) => (
          <Card
            key={record.id}
            size="small"
            hoverable
            onClick={() => onOpen(record)}
            data-testid={`record-row-${record.id}`}
            title={
              <Flex justify="space-between" align="center" gap="small">
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {record.interferer.name}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
                    {levelNames[record.interferer.level]}
                  </Typography.Text>
                </span>
                <RecordStatusTag record={record} />
              </Flex>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} ellipsis>
              {record.interferer.post}
            </Typography.Paragraph>
            <Flex wrap gap="4px 12px" style={{ fontSize: 13 }}>
              <span>{occurredText(record.occurredAt)}</span>
              <span>{formText(record)}</span>
              <span title={situations.get(record.situation)?.text}>
                情形 {situationLabel(situations, record.situation)}
              </span>
              <span>记录人 {record.recorder.name}</span>
            </Flex>
          </Card>
        ))}
        <Pagination {...pagination} simple size="small" style={{ alignSelf: 'center' }} />
      </Flex>
    </Spin>
  );
}
