/**
 * The evidence of a record (填报说明 6: originals, screenshots, printed emails, recordings are
 * part of the ledger): uploading by drag and drop with progress, and the list of files with
 * their SM3 fingerprints, previews and downloads. Files are never deleted; a wrong one is
 * marked superseded with a reason and stays listed.
 */
import { InboxOutlined } from '@ant-design/icons';
import { App, Card, Empty, Flex, Select, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { EvidenceItem } from './evidence-item';
import { uploadEvidence } from './evidence-upload';
import type { EvidenceRole, InterferenceRecord } from './records';

interface Props {
  record: InterferenceRecord;
  canUpload: boolean;
  canSupersede: boolean;
  onChanged: () => void;
}

const roleNames: Record<EvidenceRole, string> = {
  evidence: '证据材料',
  'witness-signatures': '在场人员签字页',
};

export function EvidencePanel({ record, canUpload, canSupersede, onChanged }: Props) {
  const current = record.evidence.filter((e) => !e.superseded);
  const superseded = record.evidence.filter((e) => e.superseded);

  return (
    <Card title={`证据材料（${current.length}）`} size="small" data-testid="record-evidence">
      {canUpload && <EvidenceUploader record={record} onUploaded={onChanged} />}
      {record.evidence.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            record.form === 'oral'
              ? '暂无证据材料'
              : '暂无证据材料：来文来函、通讯信息应上传原件或截屏'
          }
        />
      ) : (
        <Flex vertical gap="small">
          {[...current, ...superseded].map((evidence) => (
            <EvidenceItem
              key={evidence.id}
              recordId={record.id}
              evidence={evidence}
              canSupersede={canSupersede && !evidence.superseded}
              onChanged={onChanged}
            />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function EvidenceUploader({
  record,
  onUploaded,
}: {
  record: InterferenceRecord;
  onUploaded: () => void;
}) {
  const { message } = App.useApp();
  const [role, setRole] = useState<EvidenceRole>('evidence');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const roles: EvidenceRole[] =
    record.form === 'oral' ? ['evidence', 'witness-signatures'] : ['evidence'];

  return (
    <Flex vertical gap="small" style={{ marginBottom: 16 }}>
      <Flex align="center" gap="small" wrap>
        <Typography.Text>材料类别：</Typography.Text>
        <Select<EvidenceRole>
          value={role}
          onChange={setRole}
          options={roles.map((r) => ({ value: r, label: roleNames[r] }))}
          style={{ width: 180 }}
          data-testid="evidence-role"
        />
        {role === 'witness-signatures' && (
          <Typography.Text type="secondary">
            上传打印本记录后由在场人员签字的纸质页（拍照或扫描）
          </Typography.Text>
        )}
      </Flex>
      <Upload.Dragger
        multiple
        fileList={files}
        data-testid="evidence-upload"
        onChange={({ file, fileList }) => {
          if (file.status === 'done') message.success(`${file.name} 已上传`);
          setFiles(fileList.filter((f) => f.status !== 'done'));
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          uploadEvidence({
            recordId: record.id,
            role,
            file: file as File,
            onProgress: (percent) => onProgress?.({ percent }),
          }).then(
            (evidence) => {
              onSuccess?.(evidence);
              onUploaded();
            },
            (error: unknown) => {
              message.error(`${(file as File).name}：${errorText(error)}`);
              onError?.(error as Error, errorText(error));
            },
          );
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或将文件拖到此处上传{roleNames[role]}</p>
        <p className="ant-upload-hint">
          来文原件扫描件、短信/QQ/微信截屏、Email 打印件、录音录像等；文件上传后不可删除，系统记录其
          SM3 值
        </p>
      </Upload.Dragger>
    </Flex>
  );
}
