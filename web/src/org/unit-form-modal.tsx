/** Creates a unit, or edits one (its code stays: other data refers to units by code). */
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { errorText, type FieldProblem } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import {
  type Unit,
  type UnitKind,
  type UnitPatch,
  unitKindNames,
  unitKinds,
  unitOptions,
  unitsApi,
} from './units';

interface Props {
  /** The unit to edit; none to create one. */
  unit?: Unit;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}

interface UnitFields {
  code: string;
  name: string;
  kind: UnitKind;
  parent?: string;
  reportsTo?: string;
  active: boolean;
}

const kindOptions = unitKinds.map((kind) => ({ value: kind, label: unitKindNames[kind] }));

export function UnitFormModal({ unit, units, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFields>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const below = unit ? descendantsOf(unit.code, units) : new Set<string>();
  const candidates = unitOptions(units, (u) => u.code !== unit?.code && !below.has(u.code));

  const onFinish = async (fields: UnitFields) => {
    setSaving(true);
    setProblems([]);
    try {
      if (unit) await unitsApi.update(unit.code, patchOf(fields));
      else await unitsApi.create(inputOf(fields));
      message.success(unit ? '单位已保存' : '单位已新建');
      onSaved();
    } catch (error) {
      setProblems(showFieldErrors(form, error));
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={unit ? `编辑单位：${unit.name}` : '新建单位'}
      okText={unit ? '保存' : '新建'}
      okButtonProps={{ htmlType: 'submit', loading: saving, 'data-testid': 'unit-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={problems.map((p) => `${p.field}：${p.message}`).join('；')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<UnitFields>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initialValues(unit)}
      >
        <Form.Item
          label="单位代码"
          name="code"
          extra="行政区划代码或本单位自定的代码，例如 410221；保存后不能修改"
          rules={[
            { required: true, message: '请填写单位代码' },
            {
              pattern: /^[0-9A-Za-z_-]{1,32}$/,
              message: '单位代码只能由 1 到 32 位字母、数字、下划线或连字符组成',
            },
          ]}
        >
          <Input disabled={Boolean(unit)} data-testid="unit-code" />
        </Form.Item>
        <Form.Item
          label="单位名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写单位名称' },
            { max: 100, message: '单位名称不能超过 100 个字' },
          ]}
        >
          <Input data-testid="unit-name" />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select options={kindOptions} data-testid="unit-kind" />
        </Form.Item>
        <Form.Item label="上级单位" name="parent" extra="省级统计局可不选上级单位">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={candidates}
            placeholder="按名称或代码查找"
            data-testid="unit-parent"
          />
        </Form.Item>
        <Form.Item
          label="报送单位"
          name="reportsTo"
          extra="季度汇总表报送给哪个单位；不选则报送给上级单位"
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={candidates}
            placeholder="按名称或代码查找"
            data-testid="unit-reports-to"
          />
        </Form.Item>
        {unit && (
          <Form.Item
            label="启用"
            name="active"
            valuePropName="checked"
            extra="停用的单位仍保留在单位树中，其全部历史记录保持不变"
          >
            <Switch data-testid="unit-active" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function initialValues(unit: Unit | undefined): Partial<UnitFields> {
  if (!unit) return { active: true };

  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parent: unit.parent ?? undefined,
    reportsTo: unit.reportsTo ?? undefined,
    active: unit.active,
  };
}

function inputOf(fields: UnitFields) {
  return {
    code: fields.code.trim(),
    name: fields.name.trim(),
    kind: fields.kind,
    ...(fields.parent ? { parent: fields.parent } : {}),
    ...(fields.reportsTo ? { reportsTo: fields.reportsTo } : {}),
  };
}

function patchOf(fields: UnitFields): UnitPatch {
  return {
    name: fields.name.trim(),
    kind: fields.kind,
    parent: fields.parent ?? null,
    reportsTo: fields.reportsTo ?? null,
    active: fields.active,
  };
}

/** Units below `code`, which cannot become its parent without a cycle. */
function descendantsOf(code: string, units: Unit[]): Set<string> {
  const found = new Set<string>();
  let frontier = [code];
  while (frontier.length > 0) {
    const next = units.filter((u) => u.parent && frontier.includes(u.parent) && !found.has(u.code));
    for (const u of next) found.add(u.code);
    frontier = next.map((u) => u.code);
  }

  return found;
}
