/**
 * The official documents of a quarter, beside the report: each form as Excel or PDF, and its
 * print view. Files are plain links: the browser downloads them with the session cookie.
 */
import { Button, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type DocumentForm, documentNames, exportUrl } from './documents';

const forms: Array<{ form: DocumentForm; attachment: string }> = [
  { form: 'summary', attachment: '附件2' },
  { form: 'ledger', attachment: '附件1' },
];

export function DocumentDownloads({ unit, period }: { unit: string; period: string }) {
  return (
    <Flex vertical gap="small" data-testid="report-documents">
      {forms.map(({ form, attachment }) => (
        <Flex key={form} gap="small" align="center" wrap>
          <Typography.Text strong style={{ minWidth: 150 }}>
            {documentNames[form]}（{attachment}）
          </Typography.Text>
          <Button size="small" href={exportUrl(unit, period, form, 'xlsx')}>
            Excel
          </Button>
          <Button size="small" href={exportUrl(unit, period, form, 'pdf')}>
            PDF
          </Button>
          <Link
            to={`/reports/${unit}/${period}/print/${form}`}
            data-testid={`report-print-${form}`}
          >
            打印视图
          </Link>
        </Flex>
      ))}
      <Typography.Text type="secondary">
        PDF 台账后附图片和 PDF 证据材料；每次导出都记入本单位日志。
      </Typography.Text>
    </Flex>
  );
}
