/**
 * `/imports` (导入台账): a bureau's ledger kept in Excel before Liuhen, brought in. Choose the
 * unit, upload the file (or first download the template), see every row checked with the
 * records' own rules, choose a level and situation for rows that lack them, and import: the
 * whole file, or on request only the rows without problems.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Result,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { rulesApi } from '../rules/rules';
import { useSignedIn } from '../session/session-context';
import { ImportRowsTable } from './import-rows-table';
import {
  type ImportPreview,
  type ImportResult,
  importsApi,
  type RowChoice,
  TEMPLATE_URL,
} from './imports';

export function ImportPage() {
  const { roles } = useSignedIn();
  const units = useResource('units', unitsApi.list);
  const rules = useResource('rules', rulesApi.read);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const mine = [
    ...new Set(
      roles.filter((g) => g.role === 'recorder' || g.role === 'filler').map((g) => g.unit),
    ),
  ];
  const [unit, setUnit] = useState<string | undefined>(mine.length === 1 ? mine[0] : undefined);
  const [preview, setPreview] = useState<ImportPreview>();
  const [choices, setChoices] = useState(new Map<number, RowChoice>());
  const [validOnly, setValidOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ImportResult>();

  const upload = async (file: File) => {
    if (!unit) return setError('请先选择单位');
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setPreview(await importsApi.preview(unit, file));
      setChoices(new Map());
    } catch (problem) {
      setPreview(undefined);
      setError(problem instanceof ApiError ? problem.message : '上传失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    try {
      const rows = [...choices.values()];
      const request = {
        unit: preview.unit,
        file: preview.file.sm3,
        fileName: preview.file.name,
        rows,
        validOnly,
      };
      setResult(await importsApi.commit(request));
      setPreview(undefined);
    } catch (problem) {
      setError(problem instanceof ApiError ? problemText(problem) : '导入失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const choose = (choice: RowChoice) => setChoices((old) => new Map(old).set(choice.row, choice));

  return (
    <>
      <PageTitle title="导入台账" />
      <Card>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            导入启用本系统前用 Excel
            记录的台账：可以是记录台账（附件1）的格式，也可以用下面的导入模板。
            导入前逐行检查；全部无误才导入，也可以选择只导入无误的行。上传的文件会永久保存。
          </Typography.Paragraph>
          <Flex gap="middle" wrap align="center">
            <Select<string>
              data-testid="import-unit"
              placeholder="选择单位"
              style={{ minWidth: 220 }}
              value={unit}
              onChange={setUnit}
              options={mine.map((code) => ({
                value: code,
                label: `${unitName(byCode, code)}（${code}）`,
              }))}
            />
            <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} data-testid="import-template">
              下载导入模板
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              disabled={!unit || busy}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button
                type="primary"
                icon={<UploadOutlined />}
                loading={busy}
                disabled={!unit}
                data-testid="import-upload"
              >
                上传 Excel 文件
              </Button>
            </Upload>
          </Flex>
          {error && <Alert type="error" showIcon message={error} data-testid="import-error" />}
        </Space>
      </Card>
      {result && <ImportDone result={result} />}
      {preview && (
        <Card style={{ marginTop: 16 }} title={`预览：${preview.file.name}`}>
          <PreviewSummary preview={preview} />
          <ImportRowsTable
            rows={preview.rows}
            versions={rules.data?.versions ?? []}
            choices={choices}
            onChoose={choose}
          />
          <Flex gap="middle" align="center" style={{ marginTop: 16 }}>
            <Checkbox
              checked={validOnly}
              onChange={(e) => setValidOnly(e.target.checked)}
              data-testid="import-valid-only"
            >
              只导入无误的行
            </Checkbox>
            <Button type="primary" onClick={commit} loading={busy} data-testid="import-commit">
              确认导入
            </Button>
          </Flex>
        </Card>
      )}
    </>
  );
}

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const { counts } = preview;
  const layout = preview.layout === 'ledger' ? '记录台账（附件1）格式' : '导入模板格式';
  const text = `${layout}，共 ${counts.rows} 条记录：无误 ${counts.valid} 条，有误 ${counts.invalid} 条，需选择级别或干预情形 ${counts.needChoices} 条`;

  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Alert
        type={counts.invalid > 0 ? 'warning' : 'info'}
        showIcon
        message={text}
        data-testid="import-summary"
      />
      {preview.problems.map((p) => (
        <Alert
          key={`${p.row}-${p.cell}`}
          type="error"
          message={`第 ${p.row} 行 ${p.cell ?? ''}：${p.message}`}
        />
      ))}
    </Space>
  );
}

function ImportDone({ result }: { result: ImportResult }) {
  const skipped =
    result.skippedRows.length > 0 ? `；未导入第 ${result.skippedRows.join('、')} 行` : '';

  return (
    <Card style={{ marginTop: 16 }}>
      <Result
        status="success"
        title={`已导入 ${result.imported} 条记录`}
        subTitle={`导入的记录已标记为“导入”，状态为已完成${skipped}`}
        extra={
          <Link to="/records" data-testid="import-to-records">
            查看干预记录
          </Link>
        }
      />
    </Card>
  );
}

function problemText(error: ApiError): string {
  const listed = error.details.slice(0, 10).map((d) => `${d.field}：${d.message}`);

  return [error.message, ...listed].join('\n');
}
