/**
 * What the signed-in user may do with a quarter's report, by its status and their roles: the
 * filler compiles (or files a zero report), seals, attaches the scan and submits; the two
 * heads sign with their password; a reviewer of the bureau above accepts or returns with a
 * reason. The server checks every step again and its Chinese message is shown as it is.
 */
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import type { RoleGrant } from '../org/users';
import { PasswordModal } from '../records/record-dialogs';
import { signerNames } from './report-terms';
import { type Report, reportsApi, type SignerRole } from './reports';
import { SubmitButton } from './submit-button';

export interface ReportPermissions {
  isFiller: boolean;
  /** The heads' roles the user holds at the unit, each signing on its own. */
  signerRoles: SignerRole[];
  /** A reviewer of the bureau the unit reports to: reads, accepts or returns. */
  isReviewer: boolean;
}

export function permissionsOf(
  unit: string,
  reportsTo: string | null | undefined,
  roles: RoleGrant[],
): ReportPermissions {
  const holds = (role: string, at: string | null | undefined) =>
    roles.some((g) => g.role === role && g.unit === at);

  return {
    isFiller: holds('filler', unit),
    signerRoles: (['principal', 'ruleOfLawLeader'] as const).filter((r) => holds(r, unit)),
    isReviewer: Boolean(reportsTo) && holds('reviewer', reportsTo),
  };
}

interface Props {
  report: Report;
  permissions: ReportPermissions;
  /** The reason given for records still awaiting witnesses, sent with a compile. */
  witnessGapReason: string;
  onChanged: () => void;
}

type Dialog = { kind: 'sign'; role: SignerRole } | { kind: 'return' } | null;

export function ReportActions({ report, permissions, witnessGapReason, onChanged }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { unit, period, status, compiled } = report;

  const run = async (key: string, action: () => Promise<unknown>, success: string) => {
    setBusy(key);
    setProblem(null);
    try {
      await action();
      message.success(success);
      onChanged();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(null);
    }
  };
  const done = () => {
    setDialog(null);
    onChanged();
  };

  const reason = witnessGapReason.trim() || undefined;
  const compile = () => reportsApi.compile(unit, period, reason);
  const buttons = [...fillerButtons(), ...signerButtons(), ...reviewerButtons()];

  function fillerButtons() {
    if (!permissions.isFiller) return [];

    const list = [];
    const sent = status === 'submitted' || status === 'accepted';
    if (!compiled && report.ledger.length === 0) {
      list.push(
        <Button
          key="zero"
          type="primary"
          loading={busy === 'zero'}
          data-testid="report-zero"
          onClick={() => run('zero', compile, '已编制零报告，请两位负责人签字')}
        >
          零报告
        </Button>,
      );
    }
    list.push(
      <CompileButton
        key="compile"
        report={report}
        loading={busy === 'compile'}
        primary={!compiled && report.ledger.length > 0}
        onConfirm={() =>
          run('compile', compile, sent ? '已编制补报版本' : '已编制，请两位负责人签字')
        }
      />,
    );
    if (compiled && status === 'signed') {
      list.push(
        <Button
          key="seal"
          type="primary"
          loading={busy === 'seal'}
          data-testid="report-seal"
          onClick={() => run('seal', () => reportsApi.seal(unit, period), '已加盖单位公章')}
        >
          盖章
        </Button>,
      );
    }
    if (compiled && status === 'sealed') {
      list.push(
        <Upload
          key="scan"
          accept=".pdf,application/pdf,image/*"
          showUploadList={false}
          beforeUpload={(file) => {
            run('scan', () => reportsApi.scan(unit, period, file), '扫描件已上传');
            return false;
          }}
        >
          <Button loading={busy === 'scan'} data-testid="report-scan">
            {report.scan ? '重新上传扫描件' : '上传扫描件'}
          </Button>
        </Upload>,
      );
    }
    if (compiled && status === 'sealed') {
      list.push(
        <SubmitButton
          key="submit"
          title="报送上级"
          loading={busy === 'submit'}
          testId="report-submit"
          onConfirm={() => run('submit', () => reportsApi.submit(unit, period), '已报送上级')}
        />,
      );
    }

    return list;
  }

  function signerButtons() {
    if (!compiled || status !== 'draft') return [];

    const signed = new Set((report.signatures ?? []).filter((s) => !s.voided).map((s) => s.role));

    return permissions.signerRoles
      .filter((role) => !signed.has(role))
      .map((role) => (
        <Button
          key={`sign-${role}`}
          type="primary"
          data-testid="report-sign"
          data-role={role}
          onClick={() => setDialog({ kind: 'sign', role })}
        >
          {permissions.signerRoles.length > 1 ? `以${signerNames[role]}身份签字` : '签字'}
        </Button>
      ));
  }

  function reviewerButtons() {
    if (!permissions.isReviewer || status !== 'submitted') return [];

    return [
      <Popconfirm
        key="accept"
        title="接收报告"
        description="确认接收本单位本季度的报告？"
        okText="接收"
        cancelText="取消"
        onConfirm={() => run('accept', () => reportsApi.accept(unit, period), '已接收')}
      >
        <Button type="primary" loading={busy === 'accept'} data-testid="report-accept">
          接收
        </Button>
      </Popconfirm>,
      <Button
        key="return"
        danger
        data-testid="report-return"
        onClick={() => setDialog({ kind: 'return' })}
      >
        退回
      </Button>,
    ];
  }

  return (
    <Flex vertical gap="small">
      {buttons.length > 0 ? (
        <Flex wrap gap="small" data-testid="report-actions">
          {buttons}
        </Flex>
      ) : (
        <Typography.Text type="secondary" data-testid="report-actions-none">
          {waitingText(report, permissions)}
        </Typography.Text>
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setProblem(null) }}
          title={problem}
          data-testid="report-problem"
        />
      )}
      {dialog?.kind === 'sign' && (
        <PasswordModal
          title={`${signerNames[dialog.role]}签字`}
          explanation="请核对台账与汇总表后输入您的登录密码签字。签字后如本季度记录发生变化，签字将自动失效，需重新签字。"
          okText="签字"
          testIds={{ password: 'report-sign-password', submit: 'report-sign-submit' }}
          run={(password) => reportsApi.sign(unit, period, dialog.role, password)}
          success="已签字"
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'return' && (
        <ReturnModal report={report} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Flex>
  );
}

interface CompileButtonProps {
  report: Report;
  loading: boolean;
  primary: boolean;
  onConfirm: () => void;
}

/** 编制; compiling again voids the signatures given so far, so it asks first. */
function CompileButton({ report, loading, primary, onConfirm }: CompileButtonProps) {
  const label = compileLabel(report);
  const button = (
    <Button
      type={primary ? 'primary' : 'default'}
      loading={loading}
      data-testid="report-compile"
      onClick={report.compiled ? undefined : onConfirm}
    >
      {label}
    </Button>
  );
  if (!report.compiled) return button;

  return (
    <Popconfirm
      title={label}
      description={compileWarning(report)}
      okText="编制"
      cancelText="取消"
      onConfirm={onConfirm}
    >
      {button}
    </Popconfirm>
  );
}

function compileLabel(report: Report): string {
  if (!report.compiled) return '编制';
  if (report.status === 'returned') return '重新编制（退回后重报）';
  if (report.status === 'submitted' || report.status === 'accepted') return '编制补报';

  return '重新编制';
}

function compileWarning(report: Report): string {
  if (report.status === 'submitted' || report.status === 'accepted') {
    return '已报送的版本不会改动；新发现的记录将编入新的补报版本。';
  }
  if (report.status === 'returned') return '将按退回意见编制新版本，需重新签字、盖章后报送。';

  return '重新编制将使已有的签字和公章失效，需重新签字、盖章。';
}

function waitingText(report: Report, permissions: ReportPermissions): string {
  if (permissions.isReviewer) {
    return report.status === 'submitted' ? '' : '本报告当前无需您处理';
  }
  if (!report.compiled) return '等待填报人编制';
  if (report.status === 'draft') return '等待负责人签字';
  if (report.status === 'signed') return '等待填报人盖章';
  if (report.status === 'sealed') return '等待填报人报送';

  return '本报告当前无需您处理';
}

interface ReturnModalProps {
  report: Report;
  onClose: () => void;
  onDone: () => void;
}

function ReturnModal({ report, onClose, onDone }: ReturnModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = async ({ reason }: { reason: string }) => {
    setSaving(true);
    setProblem(null);
    try {
      await reportsApi.return(report.unit, report.period, reason.trim());
      message.success('已退回，填报单位将看到退回原因');
      onDone();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="退回报告"
      okText="退回"
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'report-return-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        退回后，填报单位须更正并重新编制、签字、盖章后再次报送（新版本）。原版本将完整保留。
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          label="退回原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写退回原因' },
            { max: 1000, message: '不能超过 1000 个字' },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            data-testid="report-return-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
