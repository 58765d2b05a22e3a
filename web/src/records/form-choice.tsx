/**
 * 干预形式 as three large cards, the three check boxes of 附件1 (☐ 口头干预 ☐ 来文来函 ☐ 通讯信息):
 * easy to hit on a phone, and each says what the form will ask next. Real radio inputs
 * underneath, for screen readers and keyboards.
 */
import { Typography, theme } from 'antd';
import { useState } from 'react';
import { formNames } from './record-terms';
import { forms, type InterferenceForm } from './records';

const hints: Record<InterferenceForm, string> = {
  oral: '当面或会议上提出，需填写地点和在场人员',
  letter: '通过文件、信函提出，需填写来文来函单位',
  message: '电话、QQ、微信、Email 等，需填写号码或账号',
};

interface Props {
  value?: InterferenceForm;
  onChange?: (value: InterferenceForm) => void;
  disabled?: boolean;
}

export function FormChoice({ value, onChange, disabled }: Props) {
  const { token } = theme.useToken();
  const [focused, setFocused] = useState<InterferenceForm | null>(null);

  return (
    <div
      role="radiogroup"
      aria-label="干预形式"
      style={{
        display: 'grid',
        gap: 12,
        gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
      }}
    >
      {forms.map((form) => {
        const checked = value === form;
        const ring = focused === form ? `0 0 0 3px ${token.colorPrimaryBorder}` : undefined;

        return (
          <label
            key={form}
            data-testid={`record-form-${form}`}
            style={{
              position: 'relative',
              cursor: disabled ? 'not-allowed' : 'pointer',
              padding: '12px 16px',
              borderRadius: token.borderRadiusLG,
              border: `2px solid ${checked ? token.colorPrimary : token.colorBorder}`,
              background: checked ? token.colorPrimaryBg : token.colorBgContainer,
              boxShadow: ring,
              opacity: disabled && !checked ? 0.5 : 1,
            }}
          >
            <input
              type="radio"
              name="record-form"
              value={form}
              checked={checked}
              disabled={disabled}
              onChange={() => onChange?.(form)}
              onFocus={() => setFocused(form)}
              onBlur={() => setFocused(null)}
              style={{ position: 'absolute', opacity: 0, width: 1, height: 1, margin: 0 }}
            />
            <div style={{ fontSize: 16, fontWeight: 600 }}>
              <span style={{ color: checked ? token.colorPrimary : undefined }}>
                {checked ? '☑' : '☐'}
              </span>{' '}
              {formNames[form]}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {hints[form]}
            </Typography.Text>
          </label>
        );
      })}
    </div>
  );
}
