/**
 * The 报送 button of a sealed report or yearly summary: sending freezes the version, so it asks
 * once, in the same words wherever a version is sent.
 */
import { Button, Popconfirm } from 'antd';

export function SubmitButton(props: {
  title: string;
  loading: boolean;
  testId: string;
  onConfirm: () => void;
}) {
  return (
    <Popconfirm
      title={props.title}
      description="报送后本版本不能再修改；如需更正，须重新编制新版本。确认报送？"
      okText="报送"
      cancelText="取消"
      onConfirm={props.onConfirm}
    >
      <Button type="primary" loading={props.loading} data-testid={props.testId}>
        报送
      </Button>
    </Popconfirm>
  );
}
