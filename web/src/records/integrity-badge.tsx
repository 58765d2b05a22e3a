/**
 * The integrity badge of a record (完整性): the browser fetches the record's receipt and the
 * published keys and checks, on its own, that the record's log entry is in the unit's log
 * under a signed checkpoint. Green only when every step holds; red names what failed.
 */
import { Alert, Descriptions, Typography } from 'antd';
import { api, errorText } from '../api/client';
import { useResource } from '../api/use-resource';
import {
  type PublishedKey,
  type SignatureResult,
  verifyCheckpointSignature,
} from './checkpoint-signature';
import {
  type InclusionResult,
  type Receipt,
  selfCheck,
  verifyInclusion,
} from './inclusion-verifier';
import { beijingTime } from './record-terms';

interface Verdict {
  state: 'verified' | 'failed' | 'unsupported';
  receipt: Receipt;
  inclusion: InclusionResult;
  signature?: SignatureResult;
  problems: string[];
}

let selfCheckProblems: string[] | undefined;

async function checkRecord(recordId: string): Promise<Verdict> {
  selfCheckProblems ??= selfCheck();
  const [receipt, keys] = await Promise.all([
    api.get<Receipt>(`/records/${encodeURIComponent(recordId)}/receipt`),
    api.get<{ keys: PublishedKey[] }>('/keys'),
  ]);
  if (receipt.alg !== 'sm3') {
    return { state: 'unsupported', receipt, inclusion: { ok: false, problems: [] }, problems: [] };
  }

  const inclusion = verifyInclusion(receipt);
  const signature = inclusion.checkpoint
    ? verifyCheckpointSignature(inclusion.checkpoint, keys.keys)
    : undefined;
  const problems = [
    ...selfCheckProblems,
    ...inclusion.problems,
    ...(signature?.state === 'failed' ? [signature.problem] : []),
  ];

  return {
    state: problems.length === 0 ? 'verified' : 'failed',
    receipt,
    inclusion,
    signature,
    problems,
  };
}

interface Props {
  recordId: string;
  /** Changes whenever the record changed, so the check runs again. */
  revision: string;
}

/**
 * The server issues receipts to the recorder only, and only once the record is signed; the
 * detail page shows this badge to the recorder, with a note instead before signing.
 */
export function IntegrityPending() {
  return (
    <Alert
      type="info"
      showIcon
      title="签字后生成回执，届时在此验证完整性"
      data-testid="record-integrity"
      data-state="unsigned"
    />
  );
}

export function IntegrityBadge({ recordId, revision }: Props) {
  const verdict = useResource(`integrity:${recordId}:${revision}`, () => checkRecord(recordId));

  if (verdict.loading && !verdict.data) {
    return (
      <Alert
        type="info"
        showIcon
        title="正在浏览器中验证完整性…"
        data-testid="record-integrity"
        data-state="pending"
      />
    );
  }

  if (verdict.error || !verdict.data) {
    return (
      <Alert
        type="warning"
        showIcon
        title="暂时无法验证完整性"
        description={`未能取得该记录的回执或签名公钥：${errorText(verdict.error)}`}
        data-testid="record-integrity"
        data-state="unavailable"
      />
    );
  }

  const { state } = verdict.data;
  if (state === 'unsupported') {
    return (
      <Alert
        type="info"
        showIcon
        title="该日志使用 SHA-256，浏览器端未验证"
        description="请下载回执，用 liuhen verify 命令离线验证。"
        data-testid="record-integrity"
        data-state="unsupported"
      />
    );
  }

  return (
    <Alert
      type={state === 'verified' ? 'success' : 'error'}
      showIcon
      title={state === 'verified' ? '完整性已验证' : '完整性验证失败'}
      description={<VerdictDetails verdict={verdict.data} />}
      data-testid="record-integrity"
      data-state={state}
    />
  );
}

function VerdictDetails({ verdict }: { verdict: Verdict }) {
  const { receipt, inclusion, signature, problems } = verdict;
  const checkpoint = inclusion.checkpoint;
  const failed = verdict.state === 'failed';

  return (
    <>
      {failed && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          记录在日志中的条目、包含证明或签名检查点与记录不一致，可能已被改动。请立即报告上级和审计管理员。
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {problems.map((p) => (
              <li key={p}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {p}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Typography.Paragraph>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'log', label: '日志', children: receipt.log },
          { key: 'index', label: '条目序号', children: receipt.index },
          { key: 'size', label: '检查点大小', children: checkpoint?.size ?? '—' },
          {
            key: 'time',
            label: '检查点时间',
            children: checkpoint?.time ? beijingTime(checkpoint.time) : '—',
          },
          { key: 'signature', label: '检查点签名', children: signatureText(signature) },
          {
            key: 'root',
            label: '根哈希（SM3）',
            children: checkpoint ? (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {checkpoint.root}
              </Typography.Text>
            ) : (
              '—'
            ),
          },
        ]}
      />
    </>
  );
}

function signatureText(signature: SignatureResult | undefined): string {
  if (!signature) return '—';
  if (signature.state === 'verified') {
    const retired = signature.key.retiredAt ? '（已轮换的旧密钥）' : '';

    return `SM2 已验证：${signature.key.name}${retired}`;
  }

  return signature.state === 'failed' ? 'SM2 签名不符' : '未验证（无对应的 SM2 公钥）';
}
