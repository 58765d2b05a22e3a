/** A business role at a unit, shown as 记录人@杞县统计局. */
import { Tag } from 'antd';
import { type Unit, unitName } from './units';
import { businessRoleNames, type RoleGrant } from './users';

const roleColors: Record<RoleGrant['role'], string> = {
  recorder: 'blue',
  filler: 'geekblue',
  ruleOfLawLeader: 'purple',
  principal: 'magenta',
  reviewer: 'gold',
};

export function RoleTag({ grant, units }: { grant: RoleGrant; units: Map<string, Unit> }) {
  return (
    <Tag color={roleColors[grant.role]} style={{ marginInlineEnd: 4, marginBottom: 4 }}>
      {businessRoleNames[grant.role]}@{unitName(units, grant.unit)}
    </Tag>
  );
}
