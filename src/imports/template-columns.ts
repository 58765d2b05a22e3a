/**
 * The one-row-per-record import template: its columns, in order, with the heading a bureau
 * types under, what goes in each, and the choices offered as drop-down lists. The parser
 * finds columns by heading (any order); the template workbook is written from this list.
 */
import type { FieldKey } from './source-row.js';

export interface TemplateColumn {
  key: FieldKey;
  header: string;
  width: number;
  /** What to write, shown on the notes sheet. */
  note: string;
  /** A drop-down list of the allowed values, where the choices are few. */
  list?: readonly string[];
  example: string;
}

export const LEVEL_CHOICES = ['县处级', '乡科级', '其他', '厅局级', '省部级'] as const;
export const FORM_CHOICES = ['口头干预', '来文来函', '通讯信息'] as const;
export const CHANNEL_CHOICES = ['电话', 'QQ', '微信', 'Email', '其他'] as const;

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'office',
    header: '记录机构',
    width: 12,
    note: '必填。干预发生的科室或单位，如“综合科”',
    example: '综合科',
  },
  { key: 'interferer', header: '干预人', width: 10, note: '必填。干预人姓名', example: '王某' },
  {
    key: 'post',
    header: '干预人单位、职务',
    width: 22,
    note: '必填。干预人的单位和职务',
    example: '某县人民政府副县长',
  },
  {
    key: 'level',
    header: '级别',
    width: 9,
    note: '县处级、乡科级或其他（省级部署另有厅局级、省部级）。空着的，导入时逐行选择',
    list: LEVEL_CHOICES,
    example: '县处级',
  },
  {
    key: 'situation',
    header: '干预情形',
    width: 10,
    note: '情形序号：2017 年制度写“(三)”，2023 年制度写“3.”；只写数字时按干预时间适用的制度。空着的，导入时逐行选择',
    example: '(三)',
  },
  {
    key: 'occurredAt',
    header: '干预时间',
    width: 18,
    note: '必填。具体到时，如“2020年5月12日15时”或“2020-05-12 15:00”；来文来函可只写到日',
    example: '2020年5月12日15时',
  },
  {
    key: 'form',
    header: '干预形式',
    width: 10,
    note: '必填。口头干预、来文来函或通讯信息',
    list: FORM_CHOICES,
    example: '口头干预',
  },
  {
    key: 'channel',
    header: '通讯方式',
    width: 9,
    note: '通讯信息必填：电话、QQ、微信、Email 或其他；其他形式不填',
    list: CHANNEL_CHOICES,
    example: '',
  },
  {
    key: 'indicators',
    header: '统计指标',
    width: 30,
    note: '干预的统计指标及期别，写作“指标名称（期别）”，多项用顿号“、”隔开',
    example: '地区生产总值（2020年一季度）、规模以上工业增加值（2020年二季度）',
  },
  { key: 'caseName', header: '案件名称', width: 16, note: '干预的统计违法案件名称', example: '' },
  { key: 'caseUnits', header: '涉案单位', width: 16, note: '多个用顿号“、”隔开', example: '' },
  { key: 'casePersons', header: '涉案人员', width: 14, note: '多个用顿号“、”隔开', example: '' },
  {
    key: 'words',
    header: '具体表述',
    width: 30,
    note: '干预的具体语言或文字表述。统计指标、案件、具体表述至少填一项',
    example: '这个增速报低了，再调高两个点。',
  },
  { key: 'description', header: '情况描述', width: 30, note: '其他情况说明', example: '' },
  {
    key: 'storageMedium',
    header: '信息存储介质',
    width: 20,
    note: '通讯信息必填：信息保存在哪里，如“手机微信聊天记录，已截屏”',
    example: '',
  },
  {
    key: 'witnesses',
    header: '在场人员',
    width: 24,
    note: '口头干预必填。姓名（职务），多人用顿号“、”隔开，如“李某（统计股股长）、赵某”',
    example: '李某（综合科科员）',
  },
  { key: 'place', header: '地点', width: 16, note: '口头干预必填', example: '县政府三楼会议室' },
  { key: 'senderUnit', header: '来文来函单位', width: 16, note: '来文来函必填', example: '' },
  { key: 'phone', header: '电话号码', width: 14, note: '通讯方式为电话时必填', example: '' },
  { key: 'qq', header: 'QQ 号码', width: 12, note: '通讯方式为 QQ 时必填', example: '' },
  { key: 'wechat', header: '微信号', width: 12, note: '通讯方式为微信时必填', example: '' },
  { key: 'email', header: 'Email 地址', width: 18, note: '通讯方式为 Email 时必填', example: '' },
  { key: 'otherSource', header: '其他来源', width: 14, note: '通讯方式为其他时必填', example: '' },
  {
    key: 'recorder',
    header: '记录人',
    width: 10,
    note: '必填。纸质台账上签字的记录人姓名；导入后记录人为导入的账号，原记录人姓名随记录保存',
    example: '张某',
  },
  {
    key: 'obstacleRemovedOn',
    header: '障碍消除日期',
    width: 14,
    note: '补充记录（2023 年制度）才填：妨碍及时记录的情形消除的日期',
    example: '',
  },
  {
    key: 'supplementaryReason',
    header: '补充记录原因',
    width: 18,
    note: '补充记录才填',
    example: '',
  },
  {
    key: 'noEvidenceReason',
    header: '无证据材料原因',
    width: 18,
    note: '来文来函、通讯信息没有证据材料时说明原因',
    example: '',
  },
];
