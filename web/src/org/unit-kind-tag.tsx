/** The kind of a unit as a coloured tag in Chinese (省级统计局, 内设机构, …). */
import { Tag } from 'antd';
import { type UnitKind, unitKindColors, unitKindNames } from './units';

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  return <Tag color={unitKindColors[kind]}>{unitKindNames[kind]}</Tag>;
}
