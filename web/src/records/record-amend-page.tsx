/**
 * `/records/:id/amend` (更正): a signed record corrected through the same form, prefilled.
 * Only the top-level fields that changed are sent, with the required reason; the server keeps
 * the old values in the record's history, so nothing is overwritten without a trace.
 */
import { App, Button, Card, Form, Input, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorText, type FieldProblem } from '../api/client';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import type { Unit } from '../org/units';
import { PageTitle } from '../page-title';
import { FormFooter } from './form-footer';
import { RecordForm } from './record-form';
import {
  changedFields,
  fieldsOfInput,
  inputOfFields,
  type RecordFields,
  showRecordFieldErrors,
} from './record-form-model';
import { type InterferenceRecord, inputOf, recordsApi } from './records';
import { useRecordFormData } from './use-record-form-data';
import { useUnsavedWarning } from './use-unsaved-warning';

type AmendFields = RecordFields & { amendReason?: string };

export function RecordAmendPage() {
  const { id = '' } = useParams<{ id: string }>();
  const data = useRecordFormData();
  const record = useResource(`record:${id}`, () => recordsApi.read(id));

  if (data.error || record.error) {
    const retry = () => {
      data.reload();
      record.reload();
    };

    return (
      <>
        <PageTitle title="更正记录" />
        <LoadFailure error={data.error ?? record.error} onRetry={retry} />
      </>
    );
  }

  if (data.loading || record.loading || !record.data) {
    return (
      <>
        <PageTitle title="更正记录" />
        <Skeleton active paragraph={{ rows: 12 }} />
      </>
    );
  }

  const status = record.data.status;
  if (status !== 'signed' && status !== 'complete') {
    return (
      <Result
        status="warning"
        title={status === 'draft' ? '草稿无需更正，可直接编辑' : '已作废的记录不能更正'}
        extra={
          <Link to={`/records/${encodeURIComponent(id)}`}>
            <Button type="primary">返回记录</Button>
          </Link>
        }
      />
    );
  }

  return <AmendForm record={record.data} data={data} />;
}

interface AmendFormProps {
  record: InterferenceRecord;
  data: ReturnType<typeof useRecordFormData>;
}

function AmendForm({ record, data }: AmendFormProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<AmendFields>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [initialValues] = useState(() => fieldsOfInput(inputOf(record)));
  const markSaved = useUnsavedWarning(form);
  const detailPath = `/records/${encodeURIComponent(record.id)}`;
  // The record's own unit stays; the select still shows it when the user records elsewhere.
  const units = data.recorderUnits.some((u) => u.code === record.unit)
    ? data.recorderUnits
    : [...data.recorderUnits, unitByCode(record.unit)];

  const onFinish = async ({ amendReason, ...fields }: AmendFields) => {
    const changes = changedFields(inputOf(record), inputOfFields(fields));
    if (Object.keys(changes).length === 0) {
      message.warning('没有修改任何内容');
      return;
    }

    setSaving(true);
    setProblems([]);
    try {
      await recordsApi.amend(record.id, changes, amendReason?.trim() ?? '');
      markSaved();
      message.success('更正已保存，原内容和更正原因已记入历史');
      navigate(detailPath);
    } catch (error) {
      setProblems(showAmendErrors(form, error));
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageTitle title="更正记录" />
      <RecordForm
        form={form}
        initialValues={initialValues}
        units={units}
        versions={data.versions}
        levelsFor={data.levelsFor}
        unitLocked
        otherProblems={problems}
        onFinish={onFinish}
        footer={
          <FormFooter>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              loading={saving}
              data-testid="amend-submit"
            >
              提交更正
            </Button>
            <Button size="large" onClick={() => navigate(detailPath)}>
              取消
            </Button>
          </FormFooter>
        }
      >
        <Card title="更正原因" size="small">
          <Form.Item
            name="amendReason"
            extra="更正原因、更正人和更正前后的内容都将永久留痕"
            rules={[
              { required: true, whitespace: true, message: '请填写更正原因' },
              { max: 1000, message: '不能超过 1000 个字' },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="amend-reason" />
          </Form.Item>
        </Card>
      </RecordForm>
    </>
  );
}

function unitByCode(code: string): Unit {
  return { code, name: code, kind: 'other', parent: null, reportsTo: null, active: true };
}

/** The server names an amendment's fields `changes.details.place` and its reason `reason`. */
function showAmendErrors(form: Parameters<typeof showRecordFieldErrors>[0], error: unknown) {
  return showRecordFieldErrors(form, error, (field) =>
    field === 'reason' ? 'amendReason' : field.replace(/^changes\./, ''),
  );
}
