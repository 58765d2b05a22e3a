/**
 * The summary in the layout of 附件2, for a quarter or a bureau's year: the title and period,
 * 填报单位（公章）, the 干预人员 and 干预形式 blocks side by side, 干预类型 below at full width,
 * each with its 合计, and the signature line 主要负责人 · 分管统计法治负责人 · 填报人 with who
 * signed and when.
 */
import { Flex, QRCode, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { beijingTime, levelNames } from '../records/record-terms';
import type { Level } from '../records/records';
import type { Situation } from '../rules/rules';
import { quarterText } from './quarters';
import type {
  Report,
  ReportSignature,
  ReportSummary as ReportSummaryFigures,
  SignerRole,
  SummaryForm,
} from './reports';
import { summaryForms, summaryLevels } from './reports';

const formRowNames: Record<SummaryForm, string> = {
  oral: '口头干预',
  phone: '电话干预',
  qq: 'QQ 干预',
  wechat: '微信干预',
  email: 'Email 干预',
  other: '其他形式干预',
};

const cell: CSSProperties = { border: '1px solid #8c8c8c', padding: '4px 8px' };
const number: CSSProperties = { ...cell, textAlign: 'right', width: 72 };
const head: CSSProperties = { ...cell, background: '#fafafa', fontWeight: 600 };

interface Props {
  report: Report;
  unitName: string;
  situations: Map<string, Situation>;
}

export function ReportSummary({ report, unitName, situations }: Props) {
  return (
    <SummarySheet
      summary={report.summary}
      periodText={quarterText(report.period).replace('年', '年度')}
      unitName={unitName}
      sealed={Boolean(report.sealed)}
      signatures={(report.signatures ?? []).filter((s) => !s.voided)}
      compiledBy={report.compiledBy}
      checkpoint={report.checkpoint}
      situations={situations}
    />
  );
}

/** A signature as the sheet prints it: only valid ones are passed in. */
export type SheetSignature = Pick<ReportSignature, 'role' | 'name' | 'at'>;

export interface SummarySheetProps {
  summary: ReportSummaryFigures;
  /** What the form prints under its title: 2020年度二季度, or 2020年度 for a year. */
  periodText: string;
  unitName: string;
  sealed: boolean;
  signatures: SheetSignature[];
  compiledBy?: string | null;
  checkpoint?: string | null;
  situations: Map<string, Situation>;
  testId?: string;
}

/**
 * The 附件2 form for any figures: a quarter's report, or a bureau's yearly regional summary,
 * which counts the same blocks over the accepted reports of its region.
 */
export function SummarySheet(props: SummarySheetProps) {
  const { summary, situations } = props;
  const levels = [
    ...summaryLevels,
    ...Object.keys(summary.persons).filter(
      (key) => key !== 'total' && !(summaryLevels as readonly string[]).includes(key),
    ),
  ];
  const situationIds = Object.keys(summary.situations)
    .filter((key) => key !== 'total')
    .sort((a, b) => (situations.get(a)?.item ?? 0) - (situations.get(b)?.item ?? 0));

  return (
    <div data-testid={props.testId ?? 'report-summary'} style={{ maxWidth: 860 }}>
      <Typography.Title level={4} style={{ textAlign: 'center', marginBottom: 4 }}>
        领导干部违规干预统计工作汇总表
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {props.periodText}
        {summary.zero && (
          <Tag color="blue" style={{ marginInlineStart: 8 }}>
            零报告
          </Tag>
        )}
      </Typography.Paragraph>
      <Typography.Paragraph>
        填报单位（公章）：{props.unitName}
        {props.sealed && (
          <Tag color="red" style={{ marginInlineStart: 8 }} data-testid="report-sealed">
            已加盖公章
          </Tag>
        )}
      </Typography.Paragraph>
      <Flex gap="middle" wrap align="flex-start">
        <CountTable
          title="干预人员"
          columns={['级别', '人数']}
          rows={levels.map((key) => [levelNames[key as Level] ?? key, summary.persons[key] ?? 0])}
          total={summary.persons.total}
          testId="summary-persons"
        />
        <CountTable
          title="干预形式"
          columns={['形式', '次数']}
          rows={summaryForms.map((key) => [formRowNames[key], summary.forms[key] ?? 0])}
          total={summary.forms.total}
          testId="summary-forms"
        />
      </Flex>
      <div style={{ marginTop: 16 }}>
        <CountTable
          title="干预类型"
          columns={['类型', '次数']}
          rows={situationIds.map((id) => [
            situationText(situations, id),
            summary.situations[id] ?? 0,
          ])}
          total={summary.situations.total}
          testId="summary-situations"
          wide
        />
      </div>
      <SignatureLine signatures={props.signatures} compiledBy={props.compiledBy} />
      {props.checkpoint ? <CheckpointPin note={props.checkpoint} /> : null}
    </div>
  );
}

interface CountTableProps {
  title: string;
  columns: [string, string];
  rows: [ReactNode, number][];
  total: number;
  testId: string;
  wide?: boolean;
}

function CountTable({ title, columns, rows, total, testId, wide }: CountTableProps) {
  return (
    <table
      data-testid={testId}
      style={{ borderCollapse: 'collapse', width: wide ? '100%' : undefined, minWidth: 220 }}
    >
      <thead>
        <tr>
          <th colSpan={2} style={head}>
            {title}
          </th>
        </tr>
        <tr>
          <th style={head}>{columns[0]}</th>
          <th style={{ ...head, textAlign: 'right' }}>{columns[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, count], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed by the form
          <tr key={i}>
            <td style={cell}>{label}</td>
            <td style={number}>{count}</td>
          </tr>
        ))}
        <tr>
          <td style={head}>合计</td>
          <td style={{ ...number, fontWeight: 600 }} data-testid={`${testId}-total`}>
            {total}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function situationText(situations: Map<string, Situation>, id: string): string {
  const situation = situations.get(id);

  return situation ? `${situation.label} ${situation.text}` : id;
}

/** 主要负责人 · 分管统计法治负责人 · 填报人, each with the name and time of a valid signature. */
function SignatureLine({
  signatures,
  compiledBy,
}: {
  signatures: SheetSignature[];
  compiledBy?: string | null;
}) {
  const of = (role: SignerRole) => signatures.find((s) => s.role === role);

  return (
    <Flex
      wrap
      gap="large"
      style={{ marginTop: 16 }}
      data-testid="report-signature-line"
      justify="space-between"
    >
      <Signer label="主要负责人" signature={of('principal')} />
      <Signer label="分管统计法治负责人" signature={of('ruleOfLawLeader')} />
      <span>
        填报人：
        {compiledBy ? <strong>{compiledBy}</strong> : <Blank />}
      </span>
    </Flex>
  );
}

function Signer({ label, signature }: { label: string; signature?: SheetSignature }) {
  return (
    <span>
      {label}：
      {signature ? (
        <>
          <strong>{signature.name}</strong>{' '}
          <Typography.Text type="secondary">{beijingTime(signature.at)}</Typography.Text>
        </>
      ) : (
        <Blank />
      )}
    </span>
  );
}

/**
 * The unit log's checkpoint printed with the summary (tree size, root hash and a QR code of
 * the signed note), so that the paper with wet signatures and the red seal pins the exact
 * digital state it was signed for.
 */
function CheckpointPin({ note }: { note: string }) {
  const [, size, root] = note.split('\n');
  const rootHex = Array.from(atob(root ?? ''), (ch) =>
    ch.charCodeAt(0).toString(16).padStart(2, '0'),
  ).join('');

  return (
    <Flex gap="middle" align="center" style={{ marginTop: 16 }} data-testid="report-checkpoint">
      <QRCode value={note} size={120} bordered={false} type="svg" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        日志检查点：共 {size} 条
        <br />
        根哈希（SM3）：
        <Typography.Text code copyable style={{ fontSize: 11 }}>
          {rootHex}
        </Typography.Text>
        <br />
        扫描二维码可得已签名的检查点全文，可用 liuhen 离线核对
      </Typography.Text>
    </Flex>
  );
}

function Blank() {
  return <Typography.Text type="secondary">（未签字）</Typography.Text>;
}
