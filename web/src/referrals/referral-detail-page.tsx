/**
 * `/referrals/:id` (移送函): the letter's details and records, the generated letter to
 * download, its files, and the step it is at: editing the draft, sending, recording the
 * feedback, closing.
 */
import { Button, Card, Descriptions, Flex, Skeleton, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { PageTitle } from '../page-title';
import { beijingTime, formNames, levelNames } from '../records/record-terms';
import { ReferralDraftForm } from './referral-draft-form';
import { ReferralFiles } from './referral-files';
import { CloseReferral, RecordFeedback, SendReferral } from './referral-progress';
import { ReferralStatusTag } from './referral-status-tag';
import { type Referral, type ReferredRecord, referralLinks, referralsApi } from './referrals';

export function ReferralDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const loaded = useResource(`referral:${id}`, () => referralsApi.read(id));
  const [saved, setSaved] = useState<Referral | null>(null);
  // The answer of the last action shows at once; the reload that follows confirms it.
  const referral = saved && saved.version >= (loaded.data?.version ?? 0) ? saved : loaded.data;

  if (loaded.error) {
    return (
      <>
        <PageTitle title="移送函" />
        <LoadFailure error={loaded.error} onRetry={loaded.reload} />
      </>
    );
  }
  if (!referral) return <Skeleton active paragraph={{ rows: 8 }} />;

  const changed = (next: Referral) => {
    setSaved(next);
    loaded.reload();
  };

  return (
    <>
      <PageTitle
        title={`移送函：${referral.number}`}
        extra={
          <a href={referralLinks.letter(referral.id)} data-testid="referral-letter">
            <Button>下载移送函（Word）</Button>
          </a>
        }
      />
      <Flex vertical gap="middle">
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="状态">
              <ReferralStatusTag referral={referral} />
            </Descriptions.Item>
            <Descriptions.Item label="移送单位">{referral.bureau.name}</Descriptions.Item>
            <Descriptions.Item label="日期">{referral.date}</Descriptions.Item>
            <Descriptions.Item label="反馈期限">
              {referral.dueDate ?? '发出时设定'}
            </Descriptions.Item>
            <Descriptions.Item label="主送机关" span={2}>
              {referral.addressees.join('、')}
            </Descriptions.Item>
            <Descriptions.Item label="抄送" span={2}>
              {referral.copyToDiscipline ? referral.copyTo.join('、') : '不抄送'}
            </Descriptions.Item>
            {referral.feedback && (
              <Descriptions.Item label="反馈结果" span={2}>
                <span data-testid="referral-feedback">
                  {referral.feedback.date}：{referral.feedback.result}
                </span>
              </Descriptions.Item>
            )}
            {referral.closeNote && (
              <Descriptions.Item label="办结说明" span={2}>
                {referral.closeNote}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="拟稿">
              {referral.createdBy} · {beijingTime(referral.createdAt)}
            </Descriptions.Item>
            {referral.sentAt && (
              <Descriptions.Item label="发出">{beijingTime(referral.sentAt)}</Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card title="移送的记录">
          <RecordsTable records={referral.records ?? []} />
        </Card>
        {referral.status === 'draft' && (
          <Card title="修改草稿">
            <ReferralDraftForm key={referral.version} referral={referral} onSaved={changed} />
          </Card>
        )}
        <Card title="附件与反馈材料">
          <ReferralFiles referral={referral} onChanged={loaded.reload} />
        </Card>
        {referral.status === 'draft' && (
          <Card title="发出">
            <SendReferral referral={referral} onChanged={changed} />
          </Card>
        )}
        {(referral.status === 'sent' || referral.status === 'feedback') && (
          <Card title="反馈">
            <RecordFeedback key={referral.version} referral={referral} onChanged={changed} />
          </Card>
        )}
        {referral.status !== 'closed' && (
          <Card title="办结">
            <CloseReferral key={referral.status} referral={referral} onChanged={changed} />
          </Card>
        )}
      </Flex>
    </>
  );
}

function RecordsTable({ records }: { records: ReferredRecord[] }) {
  const columns = [
    {
      title: '记录',
      dataIndex: 'id',
      render: (id: string) => <Link to={`/records/${id}`}>查看记录</Link>,
    },
    { title: '记录单位', dataIndex: 'unitName' },
    { title: '季度', dataIndex: 'period' },
    { title: '干预时间', dataIndex: 'occurredAt' },
    {
      title: '形式',
      dataIndex: 'form',
      render: (f: string) => formNames[f as keyof typeof formNames] ?? f,
    },
    {
      title: '级别',
      dataIndex: 'level',
      render: (l: string) => levelNames[l as keyof typeof levelNames] ?? l,
    },
  ];

  return (
    <Table rowKey="id" size="small" pagination={false} dataSource={records} columns={columns} />
  );
}
