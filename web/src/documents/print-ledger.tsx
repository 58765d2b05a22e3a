/**
 * 附件1 on paper: the cover with the seven (or four) situations, then the table with one band
 * of eight rows per record, the 填报说明 and the list of evidence, as in the PDF export.
 */
import type { DetailKey, LedgerDocument, LedgerRow, RecordForm } from './documents';

const TITLE = '领导干部违规干预统计工作记录台账';

const detailRows: Array<{ key: DetailKey; label: string }> = [
  { key: 'witnesses', label: '在场人员(签字)' },
  { key: 'place', label: '地点' },
  { key: 'senderUnit', label: '来文来函单位' },
  { key: 'phone', label: '电话号码' },
  { key: 'qq', label: 'QQ 号码' },
  { key: 'wechat', label: '微信号' },
  { key: 'email', label: 'Email 地址' },
  { key: 'otherSource', label: '其他来源' },
];

/** The check box of each form spans the detail rows that belong to it. */
const boxes: Array<{ form: RecordForm; label: string; first: number; rows: number }> = [
  { form: 'oral', label: '口头干预', first: 0, rows: 2 },
  { form: 'letter', label: '来文来函', first: 2, rows: 1 },
  { form: 'message', label: '通讯信息', first: 3, rows: 5 },
];

const instructions = [
  '1. 记录单位为各县（区）统计局。',
  '2. “干预内容”一栏应当如实记录领导干部干预统计活动、妨碍独立行使统计职权、插手统计违法案件处理情况的行为，包括干预的具体统计指标及其期别，干预的统计违法案件名称和涉案单位、人员，干预的具体语言或者文字表述等。对于利用手机短信、QQ、微博、微信、Email 等网络信息方式过问统计数据和具体案件的，还应当记录信息存储介质情况。',
  '3. “干预时间”一栏应当具体到*月*日*时，其中，通过来函形式干预的可以填写 *月*日。',
  '4. “口头干预”一栏中在场人员应当签字。',
  '5. “通讯信息”各栏应当填写干预统计工作的领导干部的来电号码、QQ 号码、微信号码、Email 地址。',
  '6. 干预统计工作的相关函文、信件原件，手机短信、QQ 和微信聊天界面截屏打印件，以及 Email 邮件打印件应当附在表格后，是本台账的重要组成部分。',
];

export function PrintLedger({ ledger }: { ledger: LedgerDocument }) {
  return (
    <div className="print-sheet landscape" data-testid="print-ledger">
      <section className="cover">
        <h1>{TITLE}</h1>
        <div className="period">{ledger.period.text}</div>
        <p className="line">记录单位：{ledger.unit.name}</p>
        <div className="situations">
          <p className="line">领导干部有下列情形之一的，属于违规干预统计工作，应当如实记录：</p>
          {ledger.situations.map((s) => (
            <p key={s.label}>
              {s.label}
              {s.text}
            </p>
          ))}
        </div>
      </section>
      <h1>{TITLE}</h1>
      <div className="line-pair">
        <span>记录单位：{ledger.unit.name}</span>
        <span>记录机构：{ledger.office}</span>
      </div>
      <table className="form-table" data-testid="print-ledger-table">
        <colgroup>
          {[4, 7, 11, 6, 6, 24, 9, 9, 9, 11, 8].map((width, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed column widths
            <col key={i} style={{ width: `${width}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {['序号', '干预人', '干预人单位、职务', '级别', '干预情形', '干预内容', '干预时间'].map(
              (h) => (
                <th key={h}>{h}</th>
              ),
            )}
            <th colSpan={3}>干预形式</th>
            <th>记录人(签字)</th>
          </tr>
        </thead>
        {ledger.rows.map((row) => (
          <Band key={row.recordId} row={row} />
        ))}
        {ledger.rows.length === 0 && (
          <tbody>
            <tr>
              <td colSpan={11} className="center">
                本季度无干预记录（零报告）
              </td>
            </tr>
          </tbody>
        )}
      </table>
      <div className="notes">
        <p>填报说明：</p>
        {instructions.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </div>
      <EvidenceList ledger={ledger} />
    </div>
  );
}

function Band({ row }: { row: LedgerRow }) {
  const span = { rowSpan: detailRows.length };

  return (
    <tbody className="band" data-testid="print-ledger-band">
      {detailRows.map((detail, i) => {
        const box = boxes.find((b) => b.first === i);
        return (
          <tr key={detail.key} className={i === 0 ? 'band-start' : undefined}>
            {i === 0 && (
              <>
                <td {...span} className="center">
                  {row.seq}
                </td>
                <td {...span}>{row.interferer}</td>
                <td {...span}>{row.post}</td>
                <td {...span} className="center">
                  {row.level}
                </td>
                <td {...span} className="center">
                  {row.situation}
                </td>
                <td {...span}>{row.content}</td>
                <td {...span}>{row.occurredAt}</td>
              </>
            )}
            {box && (
              <td rowSpan={box.rows} data-form={box.form}>
                {row.form === box.form ? '☑' : '☐'} {box.label}
              </td>
            )}
            <td>{detail.label}</td>
            <td>{row.details[detail.key]}</td>
            {i === 0 && <td {...span}>{row.recorder}</td>}
          </tr>
        );
      })}
    </tbody>
  );
}

function EvidenceList({ ledger }: { ledger: LedgerDocument }) {
  return (
    <>
      <p className="line" style={{ marginTop: '12pt', fontWeight: 600 }}>
        证据材料清单
      </p>
      <table className="form-table" data-testid="print-evidence">
        <colgroup>
          <col style={{ width: '8%' }} />
          <col style={{ width: '28%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '10%' }} />
          <col style={{ width: '42%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>记录序号</th>
            <th>文件名</th>
            <th>类型</th>
            <th>大小（字节）</th>
            <th>SM3 哈希</th>
          </tr>
        </thead>
        <tbody>
          {ledger.evidence.map((e) => (
            <tr key={`${e.seq}-${e.sm3}`}>
              <td className="center">{e.seq}</td>
              <td>{e.name}</td>
              <td>{e.kind}</td>
              <td className="count">{e.size}</td>
              <td style={{ fontFamily: 'monospace', fontSize: '7pt' }}>{e.sm3}</td>
            </tr>
          ))}
          {ledger.evidence.length === 0 && (
            <tr>
              <td colSpan={5} className="center">
                （无证据材料）
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
