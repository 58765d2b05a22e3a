/**
 * `/home` (工作台): a business user's starting page with their account, unit and roles, and
 * for a recorder the way to record an interference at once, and for the people of quarterly
 * reporting the way to their reports.
 */
import { Button, Card, Descriptions, Empty, Flex, Table } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { unitName, unitsApi } from '../org/units';
import { businessRoleNames, type RoleGrant } from '../org/users';
import { PageTitle } from '../page-title';
import { MyRecordsCard } from '../records/my-records-card';
import { useSignedIn } from '../session/session-context';

const reportingRoles = new Set(['filler', 'ruleOfLawLeader', 'principal', 'reviewer']);

export function WorkbenchPage() {
  const { user, roles } = useSignedIn();
  const units = useResource('units', unitsApi.list);
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);

  return (
    <>
      <PageTitle title="工作台" />
      {units.error ? <LoadFailure error={units.error} onRetry={units.reload} /> : null}
      <Flex vertical gap="middle">
        {roles.some((grant) => grant.role === 'recorder') && <MyRecordsCard />}
        {roles.some((grant) => reportingRoles.has(grant.role)) && (
          <Card title="季度报送">
            <Link to="/reports">
              <Button type="primary" data-testid="workbench-reports">
                办理季度报告
              </Button>
            </Link>
          </Card>
        )}
        <Card title="我的账号">
          <Descriptions
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'name', label: '姓名', children: user.name },
              { key: 'username', label: '用户名', children: user.username },
              { key: 'unit', label: '所在单位', children: unitName(byCode, user.unit) },
            ]}
          />
        </Card>
        <Card title="我的角色">
          <Table<RoleGrant>
            data-testid="workbench-roles"
            rowKey={(grant) => `${grant.role}@${grant.unit}`}
            dataSource={roles}
            pagination={false}
            loading={units.loading}
            locale={{ emptyText: <Empty description="尚未分配业务角色，请联系安全管理员" /> }}
            columns={[
              { title: '角色', key: 'role', render: (_, g) => businessRoleNames[g.role] },
              { title: '单位', key: 'unit', render: (_, g) => unitName(byCode, g.unit) },
              { title: '单位代码', dataIndex: 'unit' },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
