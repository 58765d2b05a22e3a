/** 「移送」 on a record's page, for reviewers: starts a referral letter from this record. */
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { useSignedIn } from '../session/session-context';

export function ReferRecordButton({ recordId, voided }: { recordId: string; voided: boolean }) {
  const { roles } = useSignedIn();
  // The server decides whether the record is one the reviewer received; voided ones never are.
  if (voided || !roles.some((g) => g.role === 'reviewer')) return null;

  return (
    <Link to={`/referrals/new?records=${recordId}`}>
      <Button data-testid="record-refer">移送</Button>
    </Link>
  );
}
