/**
 * The two forms of 监督检查: recording a check (date, the body checked as a unit below the
 * bureau or as free text, findings, what must be put right by when) and recording progress on
 * one (a note, and a new status: 整改中 → 已整改 → 已办结).
 */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import type { Unit } from '../org/units';
import { type CheckStatus, checkNames, oversightApi, type SupervisionCheck } from './oversight';

const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

/** Where a check may go next; a closed check is final (the server says the same). */
const nextStatuses: Record<CheckStatus, CheckStatus[]> = {
  open: ['open', 'rectified', 'closed'],
  rectified: ['rectified', 'open', 'closed'],
  closed: [],
};

interface NewCheckProps {
  unit: string;
  open: boolean;
  bodies: Unit[];
  onClose: () => void;
  onSaved: () => void;
}

export function NewCheckModal({ unit, open, bodies, onClose, onSaved }: NewCheckProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const requirements = Form.useWatch('requirements', form);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await oversightApi.recordCheck(unit, {
        checkedOn: day(v.checkedOn),
        bodyUnit: v.bodyUnit || undefined,
        body: v.body?.trim() || undefined,
        findings: v.findings,
        requirements: v.requirements?.trim() || undefined,
        rectifyBy: day(v.rectifyBy),
      });
      message.success('监督检查已登记');
      form.resetFields();
      onSaved();
    } catch (error) {
      showFieldErrors(form, error);
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记监督检查"
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ checkedOn: dayjs() }}
        data-testid="check-form"
      >
        <Form.Item
          name="checkedOn"
          label="检查日期"
          rules={[{ required: true, message: '请选择检查日期' }]}
        >
          <DatePicker disabledDate={notAfterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="bodyUnit" label="被检查单位（本系统中的下属单位）">
          <Select
            allowClear
            options={bodies.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
            placeholder="可不选，在下方填写单位名称"
          />
        </Form.Item>
        <Form.Item name="body" label="被检查单位名称（不在系统中的单位）">
          <Input maxLength={200} placeholder="如：某镇统计站、县发改委统计科" />
        </Form.Item>
        <Form.Item
          name="findings"
          label="检查发现的问题"
          rules={[{ required: true, whitespace: true, message: '请填写检查发现的问题' }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="requirements" label="整改要求">
          <Input.TextArea
            rows={3}
            maxLength={5000}
            placeholder="没有整改要求时留空，检查登记即办结"
          />
        </Form.Item>
        <Form.Item
          name="rectifyBy"
          label="整改期限"
          rules={[
            { required: Boolean(requirements?.trim()), message: '提出整改要求时须填写整改期限' },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface UpdateProps {
  unit: string;
  check: SupervisionCheck | null;
  onClose: () => void;
  onSaved: () => void;
}

export function CheckUpdateModal({ unit, check, onClose, onSaved }: UpdateProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!check) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await oversightApi.updateCheck(unit, check.id, {
        status: v.status,
        date: day(v.date)!,
        note: v.note,
      });
      message.success('整改进展已登记');
      onSaved();
    } catch (error) {
      showFieldErrors(form, error);
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={check !== null}
      title={check ? `登记整改进展：${check.body}` : ''}
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      {check && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ status: check.status, date: dayjs() }}
          data-testid="check-update-form"
        >
          <Form.Item name="status" label="状态" rules={[{ required: true }]}>
            <Select
              options={nextStatuses[check.status].map((s) => ({ value: s, label: checkNames[s] }))}
            />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={notAfterToday} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="note"
            label="说明"
            rules={[{ required: true, whitespace: true, message: '请填写说明' }]}
          >
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
