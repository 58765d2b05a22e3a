/**
 * What the signed-in user may do with a record, by its status and their part in it: the
 * recorder edits and signs a draft and amends a signed one; the recorder or the unit's
 * filler voids; a witness with an account confirms being present; the recorder downloads
 * the receipt of a signed record. The server checks every step again.
 */
import { DownloadOutlined, EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RoleGrant } from '../org/users';
import { PasswordModal, VoidModal } from './record-dialogs';
import { pendingWitnesses } from './record-terms';
import { type InterferenceRecord, recordLinks, recordsApi } from './records';

export interface RecordPermissions {
  isRecorder: boolean;
  /** The signed-in user is a listed witness who has not confirmed yet. */
  mayConfirm: boolean;
  /** The recorder, or the unit's filler, who keeps the ledger. */
  mayVoid: boolean;
}

export function permissionsOf(
  record: InterferenceRecord,
  username: string,
  roles: RoleGrant[],
): RecordPermissions {
  const isRecorder = record.recorder.username === username;
  const isFiller = roles.some((g) => g.role === 'filler' && g.unit === record.unit);

  return {
    isRecorder,
    mayConfirm:
      (record.status === 'signed' || record.status === 'complete') &&
      pendingWitnesses(record).includes(username),
    mayVoid: record.status !== 'voided' && (isRecorder || isFiller),
  };
}

type Dialog = 'sign' | 'witness' | 'void' | null;

interface Props {
  record: InterferenceRecord;
  permissions: RecordPermissions;
  onChanged: () => void;
}

export function RecordActions({ record, permissions, onChanged }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { isRecorder, mayConfirm, mayVoid } = permissions;
  const id = encodeURIComponent(record.id);
  const draft = record.status === 'draft';
  const signed = record.status === 'signed' || record.status === 'complete';
  const done = () => {
    setDialog(null);
    onChanged();
  };

  return (
    <>
      {draft && isRecorder && (
        <>
          <Link to={`/records/${id}/edit`}>
            <Button icon={<EditOutlined />} data-testid="record-edit">
              编辑
            </Button>
          </Link>
          <Button type="primary" onClick={() => setDialog('sign')} data-testid="record-sign">
            签字
          </Button>
        </>
      )}
      {mayConfirm && (
        <Button type="primary" onClick={() => setDialog('witness')} data-testid="witness-confirm">
          确认在场
        </Button>
      )}
      {signed && isRecorder && (
        <Link to={`/records/${id}/amend`}>
          <Button data-testid="record-amend">更正</Button>
        </Link>
      )}
      {mayVoid && (
        <Button danger onClick={() => setDialog('void')} data-testid="record-void">
          作废
        </Button>
      )}
      {isRecorder && record.signedAt && (
        <>
          <Button
            icon={<DownloadOutlined />}
            href={recordLinks.receipt(record.id)}
            download={`receipt-${record.id}.json`}
            data-testid="record-receipt"
          >
            下载回执
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            href={recordLinks.receiptPdf(record.id)}
            download={`receipt-${record.id}.pdf`}
            data-testid="record-receipt-pdf"
          >
            回执 PDF
          </Button>
        </>
      )}
      {dialog === 'sign' && (
        <PasswordModal
          title="记录人签字"
          explanation="签字即确认本记录如实、完整。签字后记录锁定，只能更正或作废，且全程留痕。请再次输入您的登录密码。"
          okText="签字"
          testIds={{ password: 'sign-password', submit: 'sign-submit' }}
          run={(password) => recordsApi.sign(record.id, password)}
          success="已签字"
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog === 'witness' && (
        <PasswordModal
          title="在场人员确认"
          explanation="确认您在干预发生时在场，且记录内容属实。请输入您的登录密码。"
          okText="确认在场"
          testIds={{ password: 'witness-password', submit: 'witness-submit' }}
          run={(password) => recordsApi.confirmWitness(record.id, password)}
          success="已确认在场"
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog === 'void' && (
        <VoidModal record={record} onClose={() => setDialog(null)} onDone={done} />
      )}
    </>
  );
}
