/**
 * One evidence file: what it is, its size and SM3 fingerprint (to compare with a copy), a
 * preview the browser can show (image, PDF, audio, video), its download, and marking it
 * superseded with a reason.
 */
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Modal, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { beijingTime, evidenceKindNames, sizeText } from './record-terms';
import { type Evidence, recordLinks, recordsApi } from './records';

interface Props {
  recordId: string;
  evidence: Evidence;
  canSupersede: boolean;
  onChanged: () => void;
}

export function EvidenceItem({ recordId, evidence, canSupersede, onChanged }: Props) {
  const { token } = theme.useToken();
  const [previewing, setPreviewing] = useState(false);
  const [superseding, setSuperseding] = useState(false);
  const previewable = evidence.kind === 'pdf';
  const testId = (part: string) => `evidence-${part}-${evidence.id}`;

  return (
    <div
      data-testid={testId('item')}
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        padding: 12,
        opacity: evidence.superseded ? 0.6 : 1,
      }}
    >
      <Flex justify="space-between" gap="small" wrap>
        <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Typography.Text strong style={{ wordBreak: 'break-all' }} delete={!!evidence.superseded}>
            {evidence.name}
          </Typography.Text>
          <Flex wrap gap={4}>
            <Tag>{evidenceKindNames[evidence.kind] ?? evidence.mediaType}</Tag>
            {evidence.role === 'witness-signatures' && <Tag color="blue">在场人员签字页</Tag>}
            {evidence.superseded && <Tag color="red">已替代</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {sizeText(evidence.size)} · {beijingTime(evidence.uploadedAt)} · {evidence.uploadedBy}
            </Typography.Text>
          </Flex>
          <Typography.Text
            code
            copyable={{ text: evidence.sm3, tooltips: ['复制 SM3', '已复制'] }}
            style={{ fontSize: 12, wordBreak: 'break-all' }}
            data-testid={testId('sm3')}
          >
            SM3 {evidence.sm3}
          </Typography.Text>
          {evidence.superseded && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {beijingTime(evidence.superseded.at)} 由 {evidence.superseded.by} 标记为已替代：
              {evidence.superseded.reason}
            </Typography.Text>
          )}
        </Flex>
        <Flex gap="small" wrap align="start">
          {previewable && (
            <Button
              size="small"
              icon={<EyeOutlined />}
              onClick={() => setPreviewing((p) => !p)}
              data-testid={testId('preview')}
            >
              {previewing ? '收起' : '预览'}
            </Button>
          )}
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={recordLinks.evidence(recordId, evidence.id)}
            download={evidence.name}
            data-testid={testId('download')}
          >
            下载
          </Button>
          {canSupersede && (
            <Button
              size="small"
              danger
              onClick={() => setSuperseding(true)}
              data-testid={testId('supersede')}
            >
              标记为已替代
            </Button>
          )}
        </Flex>
      </Flex>
      <Preview recordId={recordId} evidence={evidence} open={previewing} />
      {superseding && (
        <SupersedeModal
          recordId={recordId}
          evidence={evidence}
          onClose={() => setSuperseding(false)}
          onDone={() => {
            setSuperseding(false);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

/** Images, audio and video show at once; a PDF, heavier, when asked. */
function Preview({
  recordId,
  evidence,
  open,
}: {
  recordId: string;
  evidence: Evidence;
  open: boolean;
}) {
  const src = recordLinks.evidencePreview(recordId, evidence.id);
  const style = { display: 'block', marginTop: 8, maxWidth: '100%' };

  switch (evidence.kind) {
    case 'image':
      return (
        <a href={src} target="_blank" rel="noreferrer">
          <img src={src} alt={evidence.name} loading="lazy" style={{ ...style, maxHeight: 320 }} />
        </a>
      );
    case 'audio':
      // biome-ignore lint/a11y/useMediaCaption: evidence recordings have no caption track
      return <audio controls preload="metadata" src={src} style={{ ...style, width: '100%' }} />;
    case 'video':
      // biome-ignore lint/a11y/useMediaCaption: evidence recordings have no caption track
      return <video controls preload="metadata" src={src} style={{ ...style, maxHeight: 360 }} />;
    case 'pdf':
      return open ? (
        <iframe
          title={evidence.name}
          src={src}
          style={{ ...style, width: '100%', height: 480, border: 0 }}
        />
      ) : null;
    default:
      return null;
  }
}

interface SupersedeProps {
  recordId: string;
  evidence: Evidence;
  onClose: () => void;
  onDone: () => void;
}

function SupersedeModal({ recordId, evidence, onClose, onDone }: SupersedeProps) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    try {
      await recordsApi.supersedeEvidence(recordId, evidence.id, reason.trim());
      message.success('已标记为已替代，原文件仍保留');
      onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="标记为已替代"
      okText="确定"
      okButtonProps={{
        danger: true,
        loading: saving,
        disabled: !reason.trim(),
        'data-testid': 'supersede-submit',
      }}
      onOk={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        “{evidence.name}”将标记为已替代，但不会删除：文件和标记原因都会永久保留。
      </Typography.Paragraph>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="原因，如：上传错误，已重新上传清晰截屏"
        maxLength={1000}
        autoSize={{ minRows: 2, maxRows: 5 }}
        data-testid="supersede-reason"
      />
    </Modal>
  );
}
