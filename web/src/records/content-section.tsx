/**
 * 干预内容, per 填报说明 2: the indicators and their periods, the illegal case with the units and
 * people in it, the exact words or text used, and for messages where they are stored. One of
 * words, indicators or case must say what was asked.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Collapse, Flex, Form, Input, Select } from 'antd';
import type { RecordFields } from './record-form-model';

/** Indicators most often asked about in county statistics; any other may be typed. */
const indicatorSuggestions = [
  '地区生产总值',
  '规模以上工业增加值',
  '固定资产投资',
  '社会消费品零售总额',
  '一般公共预算收入',
  '城镇居民人均可支配收入',
  '农村居民人均可支配收入',
  '规模以上服务业营业收入',
  '进出口总额',
  '城镇新增就业人数',
].map((value) => ({ value }));

const { TextArea } = Input;

export function ContentSection() {
  const formValue = Form.useWatch<RecordFields['form']>('form');

  return (
    <Card title="干预内容" size="small">
      <Form.Item
        label="具体语言或文字表述"
        name={['content', 'words']}
        extra="填报说明 2：如实记录干预的具体语言或者文字表述，尽量使用原话"
        rules={[{ max: 5000, message: '不能超过 5000 个字' }, saysWhatWasAsked]}
      >
        <TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          placeholder="如：“今年二季度的增速要达到 8%，你们想办法。”"
          data-testid="content-words"
        />
      </Form.Item>
      <IndicatorList />
      <CaseFields />
      <Form.Item
        label="情况描述"
        name={['content', 'description']}
        rules={[{ max: 5000, message: '不能超过 5000 个字' }]}
      >
        <TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          placeholder="经过、背景及本单位的处理情况"
          data-testid="content-description"
        />
      </Form.Item>
      {formValue === 'message' && (
        <Form.Item
          label="信息存储介质情况"
          name={['content', 'storageMedium']}
          extra="填报说明 2：利用手机短信、QQ、微博、微信、Email 等方式过问的，应当记录信息存储介质情况"
          rules={[
            { required: true, whitespace: true, message: '请填写信息存储介质情况' },
            { max: 500, message: '不能超过 500 个字' },
          ]}
        >
          <TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder="如：短信保存在记录人办公手机（华为 P30）中，已截屏打印"
            data-testid="content-storage"
          />
        </Form.Item>
      )}
    </Card>
  );
}

function IndicatorList() {
  return (
    <Form.Item label="干预的统计指标及其期别" style={{ marginBottom: 8 }}>
      <Form.List name={['content', 'indicators']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start" wrap>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[
                    { required: true, whitespace: true, message: '请填写指标名称' },
                    { max: 100, message: '指标名称不能超过 100 个字' },
                  ]}
                  style={{ flex: '2 1 200px', marginBottom: 8 }}
                >
                  <AutoComplete
                    options={indicatorSuggestions}
                    showSearch={{
                      filterOption: (input, option) => String(option?.value ?? '').includes(input),
                    }}
                  >
                    <Input placeholder="指标名称" data-testid={`indicator-name-${i}`} />
                  </AutoComplete>
                </Form.Item>
                <Form.Item
                  name={[field.name, 'period']}
                  rules={[
                    { required: true, whitespace: true, message: '请填写期别' },
                    { max: 50, message: '期别不能超过 50 个字' },
                  ]}
                  style={{ flex: '1 1 140px', marginBottom: 8 }}
                >
                  <Input
                    placeholder="期别，如 2020年二季度"
                    data-testid={`indicator-period-${i}`}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label="删除该指标"
                  onClick={() => remove(field.name)}
                  data-testid={`indicator-remove-${i}`}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', period: '' })}
              data-testid="indicator-add"
            >
              添加指标
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

function CaseFields() {
  const form = Form.useFormInstance<RecordFields>();
  // Open when the record already names a case, so a draft or amendment shows it.
  const hasCase = Boolean(form.getFieldValue(['content', 'case', 'name']));

  return (
    <Collapse
      size="small"
      defaultActiveKey={hasCase ? ['case'] : []}
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'case',
          forceRender: true,
          label: <span data-testid="case-toggle">涉及统计违法案件（可选）</span>,
          children: (
            <>
              <Form.Item
                label="案件名称"
                name={['content', 'case', 'name']}
                rules={[{ max: 200, message: '案件名称不能超过 200 个字' }, caseNamed]}
              >
                <Input placeholder="如：某公司虚报统计数据案" data-testid="case-name" />
              </Form.Item>
              <Form.Item label="涉案单位" name={['content', 'case', 'units']}>
                <Select
                  mode="tags"
                  open={false}
                  tokenSeparators={['，', ',', '、']}
                  placeholder="输入单位名称后按回车，可填多个"
                  data-testid="case-units"
                />
              </Form.Item>
              <Form.Item label="涉案人员" name={['content', 'case', 'persons']}>
                <Select
                  mode="tags"
                  open={false}
                  tokenSeparators={['，', ',', '、']}
                  placeholder="输入姓名后按回车，可填多个"
                  data-testid="case-persons"
                />
              </Form.Item>
            </>
          ),
        },
      ]}
    />
  );
}

type GetValue = (name: (string | number)[]) => unknown;

/** The server's rule: the words, an indicator or a case must say what was asked. */
function saysWhatWasAsked({ getFieldValue }: { getFieldValue: GetValue }) {
  return {
    validator: async (_: unknown, words: string | undefined) => {
      if (words?.trim()) return;

      const indicators = (getFieldValue(['content', 'indicators']) ?? []) as { name?: string }[];
      const caseName = getFieldValue(['content', 'case', 'name']) as string | undefined;
      if (!indicators.some((row) => row?.name?.trim()) && !caseName?.trim()) {
        throw new Error('请至少填写具体语言或文字表述、干预的统计指标或案件名称之一');
      }
    },
  };
}

/** Units or people of a case mean nothing without the case they belong to. */
function caseNamed({ getFieldValue }: { getFieldValue: GetValue }) {
  return {
    validator: async (_: unknown, name: string | undefined) => {
      const units = (getFieldValue(['content', 'case', 'units']) ?? []) as string[];
      const persons = (getFieldValue(['content', 'case', 'persons']) ?? []) as string[];
      if (!name?.trim() && units.length + persons.length > 0) {
        throw new Error('填写了涉案单位或人员时，请填写案件名称');
      }
    },
  };
}
