/**
 * The security administrator grants business roles per unit: one row per role at a unit
 * (记录人 at 杞县统计局, 上级审核人 at 开封市统计局, …). Saving replaces the whole set.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { type Unit, unitOptions } from './units';
import {
  businessRoleNames,
  businessRoles,
  type RoleGrant,
  type UserWithRoles,
  usersApi,
} from './users';

interface Props {
  user: UserWithRoles;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}

interface RoleFields {
  roles: Array<Partial<RoleGrant>>;
}

const roleOptions = businessRoles.map((role) => ({ value: role, label: businessRoleNames[role] }));

export function RoleEditor({ user, units, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleFields>();
  const [saving, setSaving] = useState(false);
  const options = unitOptions(units);

  const onFinish = async ({ roles }: RoleFields) => {
    const repeated = firstRepeated(roles as RoleGrant[]);
    if (repeated) {
      const unit = units.find((u) => u.code === repeated.unit)?.name ?? repeated.unit;
      message.error(`同一单位的同一角色只能出现一次：${businessRoleNames[repeated.role]}@${unit}`);
      return;
    }

    setSaving(true);
    try {
      await usersApi.setRoles(user.username, roles as RoleGrant[]);
      message.success(`已保存 ${user.name} 的角色`);
      onSaved();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`分配角色：${user.name}（${user.username}）`}
      width={640}
      okText="保存"
      okButtonProps={{ loading: saving, 'data-testid': 'roles-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">
        角色按单位授予：记录人、填报人、分管统计法治负责人、主要负责人在本单位，上级审核人在上级统计局（如市局法规科所在的市局）。
      </Typography.Paragraph>
      <Form<RoleFields>
        form={form}
        onFinish={onFinish}
        initialValues={{ roles: user.roles }}
        data-testid="role-editor"
      >
        <Form.List name="roles">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap="small" wrap align="start">
                  <Form.Item
                    name={[field.name, 'role']}
                    rules={[{ required: true, message: '请选择角色' }]}
                    style={{ flex: '1 1 160px' }}
                  >
                    <Select
                      options={roleOptions}
                      placeholder="角色"
                      data-testid={`role-select-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unit']}
                    rules={[{ required: true, message: '请选择单位' }]}
                    style={{ flex: '2 1 220px' }}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={options}
                      placeholder="单位（按名称或代码查找）"
                      data-testid={`role-unit-${index}`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined />}
                    aria-label="删除此角色"
                    onClick={() => remove(field.name)}
                    data-testid={`role-remove-${index}`}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ unit: user.unit ?? undefined })}
                data-testid="roles-add"
              >
                添加角色
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function firstRepeated(roles: RoleGrant[]): RoleGrant | undefined {
  const seen = new Set<string>();

  return roles.find((grant) => {
    const key = `${grant.role}@${grant.unit}`;
    if (seen.has(key)) return true;
    seen.add(key);

    return false;
  });
}
