/**
 * `/records/:id`: one record as its row of 附件1, where it stands, what may be done with it,
 * its evidence, its history and who read it, with a browser-side check that its log entry is
 * intact.
 */
import { Alert, Flex, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitsApi } from '../org/units';
import { PageTitle } from '../page-title';
import { ReferRecordButton } from '../referrals/refer-record-button';
import { rulesApi } from '../rules/rules';
import { useSignedIn } from '../session/session-context';
import { EvidencePanel } from './evidence-panel';
import { IntegrityBadge, IntegrityPending } from './integrity-badge';
import { permissionsOf, RecordActions } from './record-actions';
import { RecordHistory } from './record-history';
import { RecordReads } from './record-reads';
import { RecordSheet } from './record-sheet';
import { RecordSteps } from './record-steps';
import { beijingTime, RecordStatusTag } from './record-terms';
import { type InterferenceRecord, recordsApi } from './records';
import { situationsById } from './rule-situations';

export function RecordDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const record = useResource(`record:${id}`, () => recordsApi.read(id));

  if (record.error) {
    return (
      <>
        <PageTitle title="干预记录" />
        <LoadFailure error={record.error} onRetry={record.reload} />
      </>
    );
  }

  if (!record.data) {
    return (
      <>
        <PageTitle title="干预记录" />
        <Skeleton active paragraph={{ rows: 10 }} />
      </>
    );
  }

  return <RecordDetail record={record.data} onChanged={record.reload} />;
}

function RecordDetail({
  record,
  onChanged,
}: {
  record: InterferenceRecord;
  onChanged: () => void;
}) {
  const { user, roles } = useSignedIn();
  const units = useResource('units', unitsApi.list);
  const rules = useResource('rules', rulesApi.read);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const situations = useMemo(() => situationsById(rules.data?.versions ?? []), [rules.data]);
  const permissions = permissionsOf(record, user.username, roles);
  // Any change to the record (a new version, a signature, new evidence) is checked again.
  const revision = `${record.version}:${record.status}:${record.evidence.length}:${record.updatedAt}`;
  const canUpload = permissions.isRecorder && record.status !== 'voided';

  return (
    <>
      <PageTitle
        title={`干预记录：${record.interferer.name}`}
        extra={<RecordActions record={record} permissions={permissions} onChanged={onChanged} />}
      />
      <Flex vertical gap="middle">
        <Flex align="center" gap="small" wrap>
          <RecordStatusTag record={record} />
          <span>第 {record.version} 版</span>
          <ReferRecordButton recordId={record.id} voided={record.voided !== null} />
        </Flex>
        {record.voided && (
          <Alert
            type="error"
            showIcon
            title={`本记录已于 ${beijingTime(record.voided.at)} 由 ${record.voided.by} 作废`}
            description={`作废原因：${record.voided.reason}`}
            data-testid="record-voided"
          />
        )}
        {permissions.mayConfirm && (
          <Alert type="warning" showIcon title="您是本记录的在场人员，请核对内容后点击“确认在场”" />
        )}
        <RecordSteps record={record} />
        {permissions.isRecorder &&
          (record.signedAt ? (
            <IntegrityBadge recordId={record.id} revision={revision} />
          ) : (
            <IntegrityPending />
          ))}
        <RecordSheet record={record} units={byCode} situations={situations} />
        <EvidencePanel
          record={record}
          canUpload={canUpload}
          canSupersede={canUpload}
          onChanged={onChanged}
        />
        <RecordHistory recordId={record.id} revision={revision} />
        <RecordReads record={record} />
      </Flex>
    </>
  );
}
