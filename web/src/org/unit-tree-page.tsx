/**
 * `/units`: the unit tree by parent unit. The system administrator creates and edits units,
 * imports them from a file and loads the Kaifeng preset; everyone else reads the tree.
 */
import { ImportOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Input, Table, type TableColumnsType, Tag, Upload } from 'antd';
import { type Key, useMemo, useState } from 'react';
import { errorText } from '../api/client';
import { LoadFailure } from '../api/load-failure';
import { useResource } from '../api/use-resource';
import { PageTitle } from '../page-title';
import { reportsApi } from '../reports/reports';
import { useSignedIn } from '../session/session-context';
import { UnitFormModal } from './unit-form-modal';
import { UnitImportModal } from './unit-import-modal';
import { UnitKindTag } from './unit-kind-tag';
import { type Unit, type UnitNode, unitName, unitsApi, unitTree } from './units';

const BUREAUS = ['province', 'city', 'county'];

/** Uploads the image of a bureau's official seal (公章), stamped on its sealed summaries. */
function SealUpload({ code }: { code: string }) {
  const { message } = App.useApp();

  return (
    <Upload
      accept="image/png,image/jpeg"
      showUploadList={false}
      beforeUpload={(file) => {
        reportsApi
          .unitSeal(code, file)
          .then(() => message.success('公章图样已上传'))
          .catch((error: unknown) => message.error(errorText(error)));
        return false;
      }}
    >
      <Button type="link" size="small" data-testid={`unit-seal-${code}`}>
        上传公章
      </Button>
    </Upload>
  );
}

type Editing = { mode: 'create' } | { mode: 'edit'; unit: Unit } | null;

export function UnitTreePage() {
  const { user } = useSignedIn();
  const canEdit = user.adminRole === 'sysadmin';
  const units = useResource('units', unitsApi.list);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const list = units.data ?? [];
  const byCode = useMemo(() => new Map(list.map((u) => [u.code, u])), [list]);
  const tree = useMemo(() => filterTree(unitTree(list), search.trim()), [list, search]);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const expandedKeys = search.trim() ? allKeys(tree) : (expanded ?? topKeys(tree));

  const columns: TableColumnsType<UnitNode> = [
    { title: '单位名称', dataIndex: 'name', key: 'name' },
    { title: '单位代码', dataIndex: 'code', key: 'code' },
    { title: '类型', key: 'kind', render: (_, unit) => <UnitKindTag kind={unit.kind} /> },
    { title: '报送单位', key: 'reportsTo', render: (_, unit) => unitName(byCode, unit.reportsTo) },
    {
      title: '状态',
      key: 'active',
      render: (_, unit) => (unit.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
  ];
  if (canEdit) {
    columns.push({
      title: '操作',
      key: 'actions',
      render: (_, unit) => (
        <>
          <Button
            type="link"
            size="small"
            data-testid={`unit-edit-${unit.code}`}
            onClick={() => setEditing({ mode: 'edit', unit })}
          >
            编辑
          </Button>
          {BUREAUS.includes(unit.kind) ? <SealUpload code={unit.code} /> : null}
        </>
      ),
    });
  }

  const saved = () => {
    setEditing(null);
    setImporting(false);
    units.reload();
  };

  return (
    <>
      <PageTitle
        title={canEdit ? '单位管理' : '单位列表'}
        extra={
          canEdit && (
            <UnitActions
              onCreate={() => setEditing({ mode: 'create' })}
              onImport={() => setImporting(true)}
              onLoaded={units.reload}
            />
          )
        }
      />
      {units.error ? <LoadFailure error={units.error} onRetry={units.reload} /> : null}
      <Input.Search
        allowClear
        placeholder="按单位名称或代码查找"
        style={{ maxWidth: 320, marginBottom: 12 }}
        onChange={(event) => setSearch(event.target.value)}
        data-testid="unit-search"
      />
      <Table<UnitNode>
        data-testid="unit-table"
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={tree}
        loading={units.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: setExpanded }}
        onRow={(unit) => ({ style: unit.active ? undefined : { opacity: 0.5 } })}
        locale={{ emptyText: canEdit ? '暂无单位，可新建、导入或载入开封市预置' : '暂无单位' }}
      />
      {editing && (
        <UnitFormModal
          unit={editing.mode === 'edit' ? editing.unit : undefined}
          units={list}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
      {importing && <UnitImportModal onClose={() => setImporting(false)} onImported={saved} />}
    </>
  );
}

interface ActionsProps {
  onCreate: () => void;
  onImport: () => void;
  onLoaded: () => void;
}

function UnitActions({ onCreate, onImport, onLoaded }: ActionsProps) {
  const { modal, message } = App.useApp();

  const confirmPreset = () =>
    modal.confirm({
      title: '载入开封市预置单位？',
      content:
        '将新建河南省统计局、开封市统计局及其所辖 9 个县区统计局中系统里还没有的单位；已有的单位保持不变。',
      okText: '载入',
      okButtonProps: { 'data-testid': 'unit-preset-confirm' },
      onOk: async () => {
        try {
          const { imported } = await unitsApi.loadKaifengPreset();
          message.success(
            imported.length > 0
              ? `已载入 ${imported.length} 个单位`
              : '预置单位均已存在，未新增单位',
          );
          onLoaded();
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="unit-create">
        新建单位
      </Button>
      <Button icon={<ImportOutlined />} onClick={onImport} data-testid="unit-import">
        导入
      </Button>
      <Button
        icon={<ThunderboltOutlined />}
        onClick={confirmPreset}
        data-testid="unit-preset-kaifeng"
      >
        载入开封市预置
      </Button>
    </>
  );
}

/** Keeps the units that match (by name or code) and the units above them. */
function filterTree(nodes: UnitNode[], search: string): UnitNode[] {
  if (!search) return nodes;

  const kept: UnitNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children ?? [], search);
    const matches = node.name.includes(search) || node.code.includes(search);
    if (matches || children.length > 0) {
      kept.push({ ...node, children: children.length > 0 ? children : undefined });
    }
  }

  return kept;
}

function allKeys(nodes: UnitNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? [n.code, ...allKeys(n.children)] : []));
}

/** The first two levels open, so a city sees its counties without a click. */
function topKeys(nodes: UnitNode[]): string[] {
  return nodes.flatMap((n) =>
    n.children ? [n.code, ...n.children.filter((c) => c.children).map((c) => c.code)] : [],
  );
}
