/**
 * The supplementary record of the 2023 rules (补充记录): when the interference could not be
 * recorded in time, it is recorded within 15 days after the obstacle is gone. Later is still
 * allowed, and the record is marked late. Also, for letters and messages, why there is no
 * evidence when there is none (填报说明 6 makes the originals part of the ledger).
 */
import { Alert, Card, DatePicker, Form, Input, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { daysSince, type RecordFields, SUPPLEMENTARY_DAYS } from './record-form-model';

const { TextArea } = Input;

export function SupplementarySection() {
  const formValue = Form.useWatch<RecordFields['form']>('form');
  const enabled = Form.useWatch<boolean | undefined>('isSupplementary');

  return (
    <Card title="补充记录与证据说明" size="small">
      <Form.Item
        label="补充记录"
        name="isSupplementary"
        valuePropName="checked"
        extra="因故未能及时记录的，应当在障碍消除后 15 日内补充记录（2023 年《领导干部干预统计工作记录报告制度》）"
      >
        <Switch checkedChildren="是" unCheckedChildren="否" data-testid="record-supplementary" />
      </Form.Item>
      {enabled && <SupplementaryFields />}
      {formValue && formValue !== 'oral' && (
        <Form.Item
          label="无证据材料的原因"
          name="noEvidenceReason"
          extra="填报说明 6：相关函文、信件原件，短信、QQ、微信聊天截屏，Email 打印件是台账的组成部分，保存后请在详情页上传。确实没有的，请说明原因，否则不能签字"
          rules={[{ max: 1000, message: '不能超过 1000 个字' }]}
        >
          <TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder="有证据材料时不填"
            data-testid="record-no-evidence-reason"
          />
        </Form.Item>
      )}
    </Card>
  );
}

function SupplementaryFields() {
  const removedOn = Form.useWatch<Dayjs | null | undefined>(['supplementary', 'obstacleRemovedOn']);
  const days = removedOn ? daysSince(removedOn) : 0;

  return (
    <>
      <Form.Item
        label="障碍消除日期"
        name={['supplementary', 'obstacleRemovedOn']}
        dependencies={['occurredDate']}
        rules={[
          { required: true, message: '请选择障碍消除的日期' },
          ({ getFieldValue }) => ({
            validator: async (_, value: Dayjs | null | undefined) => {
              const occurred = getFieldValue('occurredDate') as Dayjs | null | undefined;
              if (value && occurred && value.isBefore(occurred, 'day')) {
                throw new Error('障碍消除日期不能早于干预时间');
              }
            },
          }),
        ]}
      >
        <DatePicker
          disabledDate={(day) => day.isAfter(dayjs(), 'day')}
          inputReadOnly
          data-testid="supplementary-date"
        />
      </Form.Item>
      {days > SUPPLEMENTARY_DAYS && (
        <Alert
          type="warning"
          showIcon
          data-testid="supplementary-late"
          title={`障碍消除已 ${days} 日，超过 ${SUPPLEMENTARY_DAYS} 日`}
          description="仍可补充记录，记录将标注为逾期补充；请在原因中说明逾期的情况。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        label="未能及时记录的原因"
        name={['supplementary', 'reason']}
        rules={[
          { required: true, whitespace: true, message: '请填写未能及时记录的原因' },
          { max: 1000, message: '不能超过 1000 个字' },
        ]}
      >
        <TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="supplementary-reason" />
      </Form.Item>
    </>
  );
}
