/** A referral's status as a coloured tag, with 「逾期未反馈」 when its feedback is late. */
import { Tag } from 'antd';
import { type Referral, referralStatusNames } from './referrals';

const colours = { draft: 'default', sent: 'processing', feedback: 'success', closed: 'default' };

export function ReferralStatusTag({ referral }: { referral: Referral }) {
  return (
    <>
      <Tag color={colours[referral.status]} data-testid="referral-status">
        {referralStatusNames[referral.status]}
      </Tag>
      {referral.overdue && <Tag color="error">逾期未反馈</Tag>}
    </>
  );
}
