/**
 * The files of a referral: attachments sent with the letter (uploaded while it is a draft)
 * and the documents that came back with the feedback (once it is sent).
 */
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { beijingTime } from '../records/record-terms';
import { type Referral, type ReferralFile, referralLinks, uploadReferralFile } from './referrals';

const roleNames = { attachment: '附件', feedback: '反馈材料' };

export function ReferralFiles({
  referral,
  onChanged,
}: {
  referral: Referral;
  onChanged: () => void;
}) {
  const [uploading, setUploading] = useState(false);
  const { message } = App.useApp();
  const role: ReferralFile['role'] | null =
    referral.status === 'draft'
      ? 'attachment'
      : referral.status === 'sent' || referral.status === 'feedback'
        ? 'feedback'
        : null;

  const upload = async (file: File) => {
    if (!role) return;
    setUploading(true);
    try {
      await uploadReferralFile(referral.id, role, file);
      message.success(`已上传${roleNames[role]}：${file.name}`);
      onChanged();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <List
        size="small"
        dataSource={referral.files ?? []}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(f) => (
          <List.Item>
            <a href={referralLinks.file(referral.id, f.id)}>{f.name}</a>
            <span>
              {roleNames[f.role]} · {f.uploadedBy} · {beijingTime(f.uploadedAt)}
            </span>
          </List.Item>
        )}
      />
      {role && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} style={{ marginTop: 12 }}>
            上传{roleNames[role]}
          </Button>
        </Upload>
      )}
    </>
  );
}
