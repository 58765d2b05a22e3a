/**
 * `/reports/:unit/:period/print/:form`: a print view of 附件1 or 附件2 outside the app's frame,
 * with a toolbar to print or download the same document as Excel or PDF. Loading the view is
 * an export (the server logs it), since what is printed leaves the system on paper.
 */
import { Button, Result, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import {
  type DocumentForm,
  documentNames,
  documentsApi,
  exportUrl,
  type LedgerDocument,
  type SummaryDocument,
} from './documents';
import { PrintLedger } from './print-ledger';
import { PrintSummary } from './print-summary';
import './print.css';

export function PrintPage() {
  const { unit = '', period = '', form = '' } = useParams();
  if (form !== 'ledger' && form !== 'summary')
    return <Result status="404" title="没有这种表式" subTitle="可打印记录台账或汇总表" />;

  return <PrintView unit={unit} period={period} form={form} />;
}

function PrintView({ unit, period, form }: { unit: string; period: string; form: DocumentForm }) {
  const loaded = useResource<LedgerDocument | SummaryDocument>(
    `print:${form}:${unit}:${period}`,
    () =>
      form === 'ledger' ? documentsApi.ledger(unit, period) : documentsApi.summary(unit, period),
  );
  useEffect(() => {
    document.title = `打印${documentNames[form]} · 留痕`;
  }, [form]);

  return (
    <div className="print-view">
      <div className="print-toolbar">
        <Button type="primary" onClick={() => window.print()} disabled={!loaded.data}>
          打印
        </Button>
        <Button href={exportUrl(unit, period, form, 'pdf')}>下载 PDF</Button>
        <Button href={exportUrl(unit, period, form, 'xlsx')}>下载 Excel</Button>
        <Button href={`/reports/${unit}/${period}`}>返回报告</Button>
      </div>
      {loaded.error !== undefined && !loaded.data ? (
        <LoadFailure error={loaded.error} onRetry={loaded.reload} />
      ) : null}
      {!loaded.data && loaded.error === undefined && <Skeleton active paragraph={{ rows: 12 }} />}
      {loaded.data?.form === 'ledger' && <PrintLedger ledger={loaded.data} />}
      {loaded.data?.form === 'summary' && <PrintSummary summary={loaded.data} />}
    </div>
  );
}
