/**
 * 附件2 on paper: title, quarter, 填报单位（公章） with the seal over it, the persons and forms
 * blocks side by side, the situations below, the signature line and the checkpoint's QR code,
 * as in the PDF export.
 */
import { QRCode } from 'antd';
import { beijingTime } from '../records/record-terms';
import type { CountBlock, SummaryDocument } from './documents';

const TITLE = '领导干部违规干预统计工作汇总表';

export function PrintSummary({ summary }: { summary: SummaryDocument }) {
  return (
    <div className="print-sheet portrait" data-testid="print-summary">
      <h1>{TITLE}</h1>
      <div className="period">{summary.period.text}</div>
      <div className="filler">
        填报单位（公章）：{summary.filler.name}
        {summary.seal && (
          <img
            className="seal"
            alt="单位公章"
            data-testid="print-seal"
            src={`data:${summary.seal.mediaType};base64,${summary.seal.base64}`}
          />
        )}
        {summary.units !== undefined && <div>汇总单位数：{summary.units}</div>}
      </div>
      <SideBySide left={summary.persons} right={summary.forms} />
      <Situations block={summary.situations} />
      <div className="signatures" data-testid="print-signatures">
        {summary.signatures.map((s) => (
          <span key={s.role}>
            {s.title}：{s.name ?? '\u3000\u3000\u3000\u3000'}
            {s.at && <span className="when">{beijingTime(s.at)}</span>}
          </span>
        ))}
      </div>
      {summary.checkpoint && <Checkpoint note={summary.checkpoint} />}
    </div>
  );
}

/** 干预人员 and 干预形式 share rows; the shorter block is padded with empty cells. */
function SideBySide({ left, right }: { left: CountBlock; right: CountBlock }) {
  const leftRows = [...left.rows, left.total];
  const rightRows = [...right.rows, right.total];
  const height = Math.max(leftRows.length, rightRows.length);
  const cells = (rows: CountBlock['rows'], i: number) => {
    const row = rows[i];
    return row ? (
      <>
        <td className="center">{row.label}</td>
        <td className="count">{row.count}</td>
      </>
    ) : (
      <>
        <td />
        <td />
      </>
    );
  };

  return (
    <table className="form-table" data-testid="print-blocks">
      <thead>
        <tr>
          <th colSpan={2}>{left.title}</th>
          <th colSpan={2}>{right.title}</th>
        </tr>
        <tr>
          <th>{left.rowHeading}</th>
          <th>{left.countHeading}</th>
          <th>{right.rowHeading}</th>
          <th>{right.countHeading}</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: height }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed form
          <tr key={i}>
            {cells(leftRows, i)}
            {cells(rightRows, i)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Situations({ block }: { block: CountBlock }) {
  return (
    <table className="form-table" style={{ marginTop: '-0.75pt' }} data-testid="print-situations">
      <colgroup>
        <col style={{ width: '80%' }} />
        <col style={{ width: '20%' }} />
      </colgroup>
      <thead>
        <tr>
          <th colSpan={2}>{block.title}</th>
        </tr>
        <tr>
          <th>{block.rowHeading}</th>
          <th>{block.countHeading}</th>
        </tr>
      </thead>
      <tbody>
        {[...block.rows, block.total].map((row) => (
          <tr key={row.label}>
            <td>{row.label}</td>
            <td className="count">{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The checkpoint pins the digital state the paper was signed for; its QR holds the note. */
function Checkpoint({ note }: { note: string }) {
  const [, size, root] = note.split('\n');
  const rootHex = Array.from(atob(root ?? ''), (ch) =>
    ch.charCodeAt(0).toString(16).padStart(2, '0'),
  ).join('');

  return (
    <div className="checkpoint" data-testid="print-checkpoint">
      <QRCode value={note} size={110} bordered={false} type="svg" />
      <div>
        日志检查点：共 {size} 条
        <br />
        根哈希：{rootHex}
        <br />
        扫描二维码可得已签名的检查点全文，可用 liuhen 离线核对
      </div>
    </div>
  );
}
