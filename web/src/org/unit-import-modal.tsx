/**
 * Imports units from a CSV or JSON file: the file is read in the browser, checked by the
 * server without writing (dry run) and previewed; only 确认导入 writes. A file with any bad
 * row imports nothing, and every problem is listed so it can be fixed in one go.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, errorText, type FieldProblem } from '../api/client';
import { readUnitFile, type UnitFile } from './unit-file';
import { UnitKindTag } from './unit-kind-tag';
import { type Unit, unitsApi } from './units';

interface Props {
  onClose: () => void;
  onImported: () => void;
}

interface Checked {
  file: UnitFile;
  preview: Unit[];
}

interface Failure {
  message: string;
  problems: FieldProblem[];
}

export function UnitImportModal({ onClose, onImported }: Props) {
  const { message } = App.useApp();
  const [checked, setChecked] = useState<Checked | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (picked: File) => {
    setBusy(true);
    setChecked(null);
    setFailure(null);
    try {
      const file = await readUnitFile(picked);
      const answer = await unitsApi.import(file.format, file.content, true);
      setChecked({ file, preview: answer.imported });
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!checked) return;

    setBusy(true);
    try {
      const answer = await unitsApi.import(checked.file.format, checked.file.content, false);
      message.success(`已导入 ${answer.imported.length} 个单位`);
      onImported();
    } catch (error) {
      setFailure(failureOf(error));
      setChecked(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="导入单位"
      width={760}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="confirm"
          type="primary"
          disabled={!checked || checked.preview.length === 0}
          loading={busy}
          onClick={confirm}
          data-testid="unit-import-confirm"
        >
          确认导入
        </Button>,
      ]}
    >
      <FormatHint />
      <div data-testid="unit-import-file">
        <Upload.Dragger
          accept=".csv,.json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            check(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 .csv / .json 文件</p>
          <p className="ant-upload-hint">先检查文件并预览，确认后才会导入</p>
        </Upload.Dragger>
      </div>
      {failure && <FailureList failure={failure} />}
      {checked && <Preview checked={checked} />}
    </Modal>
  );
}

function FormatHint() {
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
      CSV 第一行为表头，列为 <Typography.Text code>code,name,kind,parent,reportsTo</Typography.Text>
      （或 <Typography.Text code>单位代码,单位名称,类型,上级单位,报送单位</Typography.Text>
      ）；类型填 province、city、county、office、affiliate、other，或
      省级统计局、市级统计局、县级统计局、内设机构、局属单位、其他；上级单位和报送单位填单位代码，可留空。
      JSON 为单位数组，或含 units 数组的对象，字段同上。
    </Typography.Paragraph>
  );
}

function Preview({ checked }: { checked: Checked }) {
  return (
    <>
      <Alert
        type="success"
        showIcon
        style={{ margin: '16px 0 8px' }}
        title={`${checked.file.name}：检查通过，共 ${checked.preview.length} 个单位，确认后导入`}
      />
      <Table<Unit>
        data-testid="unit-import-preview"
        rowKey="code"
        size="small"
        dataSource={checked.preview}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '单位代码', dataIndex: 'code' },
          { title: '单位名称', dataIndex: 'name' },
          { title: '类型', key: 'kind', render: (_, u) => <UnitKindTag kind={u.kind} /> },
          { title: '上级单位', dataIndex: 'parent', render: (v: string | null) => v ?? '—' },
          { title: '报送单位', dataIndex: 'reportsTo', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </>
  );
}

function FailureList({ failure }: { failure: Failure }) {
  return (
    <>
      <Alert
        type="error"
        showIcon
        style={{ margin: '16px 0 8px' }}
        title={failure.message}
        data-testid="unit-import-error"
      />
      {failure.problems.length > 0 && (
        <Table<FieldProblem & { key: number }>
          data-testid="unit-import-errors"
          size="small"
          dataSource={failure.problems.map((p, key) => ({ ...p, key }))}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '位置', dataIndex: 'field', width: 200 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </>
  );
}

function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) return { message: error.message, problems: error.details };
  if (error instanceof Error) return { message: error.message, problems: [] };

  return { message: errorText(error), problems: [] };
}
