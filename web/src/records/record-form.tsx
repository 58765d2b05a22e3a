/**
 * The record form, shared by a new record, a draft being edited and an amendment. Its
 * sections follow the form of interference chosen at the top, as the columns of 附件1 do.
 */
import { Alert, Flex, Form, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import type { FieldProblem } from '../api/client';
import type { Unit } from '../org/units';
import type { RuleVersion } from '../rules/rules';
import { BasicsSection } from './basics-section';
import { ContentSection } from './content-section';
import { DetailsSection } from './details-section';
import { InterfererSection } from './interferer-section';
import type { RecordFields } from './record-form-model';
import type { Level } from './records';
import { SupplementarySection } from './supplementary-section';

interface Props {
  form: FormInstance<RecordFields>;
  initialValues: RecordFields;
  units: Unit[];
  versions: RuleVersion[];
  levelsFor: (unit: string | undefined, current?: Level) => Level[];
  unitLocked?: boolean;
  /** Problems the server named on fields this form does not show. */
  otherProblems?: FieldProblem[];
  onFinish: (fields: RecordFields) => void;
  /** Sections after the record's own, such as the reason of an amendment. */
  children?: ReactNode;
  footer: ReactNode;
}

export function RecordForm(props: Props) {
  const { form, initialValues, units, versions, levelsFor, unitLocked } = props;

  const onValuesChange = (changed: RecordFields) => {
    // An oral record needs a witness: offer the first row at once.
    if (changed.form === 'oral' && !form.getFieldValue(['details', 'witnesses'])?.length) {
      form.setFieldValue(['details', 'witnesses'], [{ name: '' }]);
    }

    // The words are required only when no indicator or case says what was asked, so a
    // change to those clears a complaint shown on the words.
    if (changed.content && form.getFieldError(['content', 'words']).length > 0) {
      form.validateFields([['content', 'words']]).catch(() => undefined);
    }
  };

  return (
    <Form<RecordFields>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      onFinish={props.onFinish}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      }}
      scrollToFirstError={false}
      data-testid="record-form"
    >
      <Flex vertical gap="middle">
        <BasicsSection units={units} unitLocked={unitLocked} />
        <InterfererSection versions={versions} levelsFor={levelsFor} />
        <ContentSection />
        <DetailsSection />
        <SupplementarySection />
        {props.children}
        {props.otherProblems && props.otherProblems.length > 0 && (
          <Alert
            type="error"
            showIcon
            title="请修改以下内容后再保存"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {props.otherProblems.map((p) => (
                  <li key={`${p.field}:${p.message}`}>{p.message}</li>
                ))}
              </ul>
            }
            data-testid="record-form-problems"
          />
        )}
        {props.footer}
      </Flex>
    </Form>
  );
}
