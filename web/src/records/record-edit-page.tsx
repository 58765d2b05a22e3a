/**
 * `/records/new` and `/records/:id/edit` (草稿): the record form, saved as a draft. Nothing is
 * final until the recorder signs on the detail page, where evidence is uploaded too.
 */
import { App, Button, Form, Result, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorText, type FieldProblem } from '../api/client';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
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

export function RecordEditPage() {
  const { id } = useParams<{ id: string }>();
  const data = useRecordFormData();
  const record = useResource(`record:${id ?? 'new'}`, () =>
    id ? recordsApi.read(id) : Promise.resolve(undefined),
  );
  const title = id ? '编辑草稿' : '记录干预';

  if (data.error || record.error) {
    const retry = () => {
      data.reload();
      record.reload();
    };

    return (
      <>
        <PageTitle title={title} />
        <LoadFailure error={data.error ?? record.error} onRetry={retry} />
      </>
    );
  }

  if (data.loading || record.loading) {
    return (
      <>
        <PageTitle title={title} />
        <Skeleton active paragraph={{ rows: 12 }} />
      </>
    );
  }

  if (record.data && record.data.status !== 'draft') return <NotADraft id={record.data.id} />;

  if (data.recorderUnits.length === 0) {
    return (
      <Result
        status="info"
        title="您还不是记录人"
        subTitle="记录干预需要记录人角色，请联系本单位的安全管理员分配。"
      />
    );
  }

  return <DraftForm key={id ?? 'new'} title={title} record={record.data} data={data} />;
}

interface DraftFormProps {
  title: string;
  record?: InterferenceRecord;
  data: ReturnType<typeof useRecordFormData>;
}

function DraftForm({ title, record, data }: DraftFormProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<RecordFields>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [initialValues] = useState(() =>
    record ? fieldsOfInput(inputOf(record)) : newRecordFields(data.recorderUnits),
  );
  const markSaved = useUnsavedWarning(form);

  const onFinish = async (fields: RecordFields) => {
    setSaving(true);
    setProblems([]);
    try {
      const input = inputOfFields(fields);
      const changes = record ? changedFields(inputOf(record), input) : {};
      if (record && Object.keys(changes).length === 0) {
        markSaved();
        navigate(`/records/${encodeURIComponent(record.id)}`);
        return;
      }

      const saved = record
        ? await recordsApi.update(record.id, changes)
        : await recordsApi.create(input);
      markSaved();
      message.success('草稿已保存，核对无误并上传证据材料后请签字');
      navigate(`/records/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      setProblems(showRecordFieldErrors(form, error));
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageTitle title={title} />
      <RecordForm
        form={form}
        initialValues={initialValues}
        units={data.recorderUnits}
        versions={data.versions}
        levelsFor={data.levelsFor}
        otherProblems={problems}
        onFinish={onFinish}
        footer={
          <FormFooter>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              loading={saving}
              data-testid="record-save"
            >
              保存草稿
            </Button>
            <Button
              size="large"
              onClick={() => navigate(record ? `/records/${record.id}` : '/records')}
              data-testid="record-cancel"
            >
              取消
            </Button>
          </FormFooter>
        }
      />
    </>
  );
}

/** A new record: the only recorder unit, today, this hour; the rest is the recorder's to say. */
function newRecordFields(units: { code: string }[]): RecordFields {
  const now = dayjs();

  return {
    unit: units.length === 1 ? units[0]?.code : undefined,
    occurredDate: now,
    occurredHour: now.hour(),
    content: { indicators: [] },
    details: { witnesses: [] },
    isSupplementary: false,
  };
}

function NotADraft({ id }: { id: string }) {
  return (
    <Result
      status="warning"
      title="该记录已签字，不能再编辑"
      subTitle="签字后的记录只能通过“更正”修改，更正原因和前后内容都会留痕。"
      extra={
        <Link to={`/records/${encodeURIComponent(id)}`}>
          <Button type="primary">查看记录</Button>
        </Link>
      }
    />
  );
}
