/**
 * What the signed-in user may do with a bureau's yearly summary: the filler compiles (again,
 * or a correction after sending), seals and sends; the rule-of-law leader and the principal
 * sign with their password. Each button shows only to the role that can act at that status;
 * the server checks every step again and its Chinese message is shown as it is.
 */
import { Alert, App, Button, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { PasswordModal } from '../records/record-dialogs';
import { signerNames } from '../reports/report-terms';
import type { SignerRole } from '../reports/reports';
import { SubmitButton } from '../reports/submit-button';
import { type AnnualVersion, type AnnualView, annualApi } from './annual';
import type { AnnualPermissions } from './annual-bureaus';

interface Props {
  view: AnnualView;
  permissions: AnnualPermissions;
  onChanged: () => void;
}

export function AnnualActions({ view, permissions, onChanged }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [signing, setSigning] = useState<SignerRole | null>(null);
  const unit = view.region.code;
  const { year, current } = view;

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

  const buttons = [...fillerButtons(), ...signerButtons()];

  function fillerButtons() {
    if (!permissions.isFiller || !view.yearOver) return [];

    const compile = (
      <CompileButton
        key="compile"
        current={current}
        loading={busy === 'compile'}
        onConfirm={() =>
          run('compile', () => annualApi.compile(unit, year), '已编制，请两位负责人签字')
        }
      />
    );
    if (!current || current.stale) return [compile];

    const list = [compile];
    if (current.status === 'signed') {
      list.push(
        <Button
          key="seal"
          type="primary"
          loading={busy === 'seal'}
          data-testid="annual-seal"
          onClick={() => run('seal', () => annualApi.seal(unit, year), '已加盖单位公章')}
        >
          盖章
        </Button>,
      );
    }
    if (current.status === 'sealed') {
      list.push(
        <SubmitButton
          key="submit"
          title="报送本地区汇总表"
          loading={busy === 'submit'}
          testId="annual-submit"
          onConfirm={() => run('submit', () => annualApi.submit(unit, year), '已报送')}
        />,
      );
    }

    return list;
  }

  function signerButtons() {
    if (current?.status !== 'draft' || current.stale) return [];

    const signed = new Set(current.signatures.map((s) => s.role));

    return permissions.signerRoles
      .filter((role) => !signed.has(role))
      .map((role) => (
        <Button
          key={`sign-${role}`}
          type="primary"
          data-testid="annual-sign"
          data-role={role}
          onClick={() => setSigning(role)}
        >
          {permissions.signerRoles.length > 1 ? `以${signerNames[role]}身份签字` : '签字'}
        </Button>
      ));
  }

  return (
    <Flex vertical gap="small">
      {buttons.length > 0 ? (
        <Flex wrap gap="small" data-testid="annual-actions">
          {buttons}
        </Flex>
      ) : (
        <Typography.Text type="secondary" data-testid="annual-actions-none">
          {waitingText(view, permissions)}
        </Typography.Text>
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setProblem(null) }}
          title={problem}
          data-testid="annual-problem"
        />
      )}
      {signing && (
        <PasswordModal
          title={`${signerNames[signing]}签字`}
          explanation="请核对本地区汇总表的各项数字后输入您的登录密码签字。签字后如又有季度报告被接收，须由填报人重新编制、重新签字。"
          okText="签字"
          testIds={{ password: 'annual-sign-password', submit: 'annual-sign-submit' }}
          run={(password) => annualApi.sign(unit, year, signing, password)}
          success="已签字"
          onClose={() => setSigning(null)}
          onDone={() => {
            setSigning(null);
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}

interface CompileButtonProps {
  current: AnnualVersion | null;
  loading: boolean;
  onConfirm: () => void;
}

/** 编制; compiling an open version again clears its signatures and seal, so it asks first. */
function CompileButton({ current, loading, onConfirm }: CompileButtonProps) {
  const label = !current ? '编制' : current.status === 'submitted' ? '编制更正版本' : '重新编制';
  const button = (
    <Button
      type={!current || current.stale ? 'primary' : 'default'}
      loading={loading}
      data-testid="annual-compile"
      onClick={current ? undefined : onConfirm}
    >
      {label}
    </Button>
  );
  if (!current) return button;

  return (
    <Popconfirm
      title={label}
      description={
        current.status === 'submitted'
          ? '已报送的版本不会改动；将按当前已接收的季度报告编制新版本，需重新签字、盖章后报送。'
          : '重新编制将按当前已接收的季度报告汇总，已有的签字和公章失效，需重新签字、盖章。'
      }
      okText="编制"
      cancelText="取消"
      onConfirm={onConfirm}
    >
      {button}
    </Popconfirm>
  );
}

function waitingText(view: AnnualView, permissions: AnnualPermissions): string {
  const { current } = view;
  const own = permissions.isFiller || permissions.signerRoles.length > 0;
  if (!own) return '审核人只读：编制、签字、盖章和报送由本局填报人和负责人办理';
  if (!view.yearOver) return `${view.year} 年度尚未结束，次年 1 月 1 日起方可编制`;
  if (!current) return '等待填报人编制';
  if (current.stale) return '汇总表已过时，等待填报人重新编制';
  if (current.status === 'draft') return '等待负责人签字';
  if (current.status === 'signed') return '等待填报人盖章';
  if (current.status === 'sealed') return '等待填报人报送';

  return '本年度汇总表已报送，当前无需您处理';
}
