/**
 * Creates an account or edits one (system administrator). A new account without a password
 * gets a one-time password from the server; either way it must be changed at first sign-in.
 */
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client';
import { showFieldErrors } from '../api/form-errors';
import { type Unit, unitOptions } from './units';
import { type User, type UserPatch, usersApi } from './users';

interface Props {
  /** The account to edit; none to create one. */
  user?: User;
  units: Unit[];
  onClose: () => void;
  /** Called after saving, with the one-time password when the server generated one. */
  onSaved: (created?: { username: string; password: string }) => void;
}

interface UserFields {
  username: string;
  name: string;
  unit: string;
  phone?: string;
  email?: string;
  password?: string;
}

export function UserFormModal({ user, units, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFields>();
  const [saving, setSaving] = useState(false);

  const onFinish = async (fields: UserFields) => {
    setSaving(true);
    try {
      if (user) {
        await usersApi.update(user.username, patchOf(fields));
        message.success('用户已保存');
        onSaved();
      } else {
        const answer = await usersApi.create(inputOf(fields));
        message.success('用户已新建');
        onSaved(
          answer.password
            ? { username: answer.user.username, password: answer.password }
            : undefined,
        );
      }
    } catch (error) {
      showFieldErrors(form, error);
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={user ? `编辑用户：${user.name}` : '新建用户'}
      okText={user ? '保存' : '新建'}
      okButtonProps={{ loading: saving, 'data-testid': 'user-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form<UserFields>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          user && {
            username: user.username,
            name: user.name,
            unit: user.unit ?? undefined,
            phone: user.phone ?? undefined,
            email: user.email ?? undefined,
          }
        }
      >
        <Form.Item
          label="用户名"
          name="username"
          extra={user ? '用户名不能修改' : '用于登录，2 到 32 位字母、数字、下划线、点或连字符'}
          rules={[
            { required: true, message: '请填写用户名' },
            {
              pattern: /^[A-Za-z0-9_.-]{2,32}$/,
              message: '用户名须为 2 到 32 位字母、数字、下划线、点或连字符',
            },
          ]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="name"
          extra="记录须实名，请填写真实姓名"
          rules={[
            { required: true, whitespace: true, message: '请填写真实姓名' },
            { max: 50, message: '姓名不能超过 50 个字' },
          ]}
        >
          <Input data-testid="user-name" />
        </Form.Item>
        <Form.Item
          label="所在单位"
          name="unit"
          rules={[{ required: true, message: '请选择所在单位' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions(units)}
            placeholder="按单位名称或代码查找"
            data-testid="user-unit"
          />
        </Form.Item>
        <Form.Item
          label="电话"
          name="phone"
          rules={[
            {
              pattern: /^[0-9+\- ]{3,20}$/,
              message: '电话号码只能包含数字、空格、+ 和 -，3 到 20 位',
            },
          ]}
        >
          <Input data-testid="user-phone" />
        </Form.Item>
        <Form.Item
          label="电子邮箱"
          name="email"
          extra="可不填：配置了内网邮件服务器时，报送提醒也会发到此邮箱"
          rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}
        >
          <Input data-testid="user-email" />
        </Form.Item>
        {!user && (
          <Form.Item
            label="初始密码"
            name="password"
            extra="可不填：不填时系统生成一次性密码，只显示一次；用户首次登录须修改密码"
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function inputOf(fields: UserFields) {
  const phone = fields.phone?.trim();
  const email = fields.email?.trim();

  return {
    username: fields.username.trim(),
    name: fields.name.trim(),
    unit: fields.unit,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(fields.password ? { password: fields.password } : {}),
  };
}

function patchOf(fields: UserFields): UserPatch {
  const phone = fields.phone?.trim();
  const email = fields.email?.trim();

  return {
    name: fields.name.trim(),
    unit: fields.unit,
    phone: phone ? phone : null,
    email: email ? email : null,
  };
}
