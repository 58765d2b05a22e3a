/**
 * The documents of a bureau's year: its 本地区汇总表 (附件2) of the current version as PDF or
 * Excel, with the signatures, seal and checkpoint it carries; and for a reviewer the annual
 * report to 市委、市政府、省统计局 as Word, whose figures come from the reports received and
 * whose text is left for the drafter. Files are plain links; every export is logged.
 */
import { Button, Flex, Typography } from 'antd';
import { type AnnualView, annualLinks } from './annual';

export function AnnualDownloads({ view, mayReport }: { view: AnnualView; mayReport: boolean }) {
  const unit = view.region.code;
  const { current, year } = view;

  return (
    <Flex vertical gap="small" data-testid="annual-documents">
      <Flex gap="small" align="center" wrap>
        <Typography.Text strong style={{ minWidth: 200 }}>
          本地区汇总表（附件2）
          {current ? ` 第 ${current.version} 版` : ''}
        </Typography.Text>
        {current ? (
          <>
            <Button
              size="small"
              href={annualLinks.summary(unit, year, 'pdf', current.version)}
              data-testid="annual-export-pdf"
            >
              PDF
            </Button>
            <Button
              size="small"
              href={annualLinks.summary(unit, year, 'xlsx', current.version)}
              data-testid="annual-export-xlsx"
            >
              Excel
            </Button>
          </>
        ) : (
          <Typography.Text type="secondary">编制后可导出</Typography.Text>
        )}
      </Flex>
      {mayReport && (
        <Flex gap="small" align="center" wrap>
          <Typography.Text strong style={{ minWidth: 200 }}>
            {year}年度报告（报市委、市政府、省统计局）
          </Typography.Text>
          <Button
            size="small"
            type="primary"
            href={annualLinks.report(unit, year)}
            data-testid="annual-report-download"
          >
            生成年度报告（Word）
          </Button>
        </Flex>
      )}
      <Typography.Text type="secondary">
        汇总表导出的是所选版本保存的数字（含签字、公章和报送时的日志检查点），不是今天的实时数字；
        年度报告的数字取自收到的报告，文字部分留待起草人修改。每次导出都记入本局日志。
      </Typography.Text>
    </Flex>
  );
}
