/**
 * The one registry of errors a user or API client can see. Each has a stable code, an HTTP
 * status and a Chinese message that says what to fix; the HTTP boundary turns an AppError into
 * `{ "error": { "code", "message" } }` and hides the text of anything unexpected.
 * docs/errors.md documents every code (a test checks it).
 */

export const errorCatalog = {
  BAD_REQUEST: { status: 400, message: '请求格式不正确，请检查后重试' },
  VALIDATION_FAILED: { status: 400, message: '填写的内容有误，请按提示修改' },
  AUTH_REQUIRED: { status: 401, message: '请先登录' },
  AUTH_INVALID: { status: 401, message: '用户名或密码错误，请重新输入' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  CSRF_INVALID: { status: 403, message: '页面已过期，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '您没有进行此操作的权限' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录、密码已重置或已过期，请先修改密码' },
  PASSWORD_WRONG: { status: 400, message: '当前密码不正确，请重新输入' },
  PASSWORD_WEAK: {
    status: 400,
    message: '新密码至少 8 位，并包含大写字母、小写字母、数字、符号中的至少三类',
  },
  PASSWORD_REUSED: { status: 400, message: '新密码不能与当前密码相同' },
  ACCOUNT_LOCKED: {
    status: 423,
    message: '连续登录失败次数过多，账号已锁定，请稍后再试或联系安全管理员解锁',
  },
  ADMIN_ADDRESS_DENIED: {
    status: 403,
    message: '管理员账号只能从允许的地址登录和操作，请在单位内网的管理终端上使用',
  },
  SIGN_IN_RATE_LIMITED: {
    status: 429,
    message: '该地址登录失败次数过多，请稍后再试；如忘记密码，请联系安全管理员',
  },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系系统管理员' },
  NOT_FOUND: { status: 404, message: '要找的内容不存在' },
  UNIT_NOT_FOUND: { status: 404, message: '单位不存在，请检查单位代码' },
  UNIT_EXISTS: { status: 409, message: '单位代码已被使用，请换一个代码' },
  UNIT_PARENT_INVALID: { status: 400, message: '上级单位不存在或会形成循环，请重新选择上级单位' },
  UNIT_IMPORT_INVALID: {
    status: 400,
    message: '导入文件有误，请按提示逐行修改后重新导入，本次未导入任何单位',
  },
  USER_NOT_FOUND: { status: 404, message: '用户不存在，请检查用户名' },
  USER_EXISTS: { status: 409, message: '用户名已被使用，请换一个用户名' },
  ROLE_NOT_ALLOWED: { status: 400, message: '管理员账号不能再被授予业务角色（三员分立）' },
  ROLE_SELF_GRANT: { status: 403, message: '不能为自己授予或变更角色' },
  ADMIN_ACCOUNT_PROTECTED: { status: 403, message: '三员管理员账号不能被修改或停用' },
  RULE_VERSION_NOT_FOUND: { status: 404, message: '规则版本不存在' },
  RULE_DATES_INVALID: { status: 400, message: '规则版本的生效日期须按版本先后递增，请重新填写' },
  MAPPING_INVALID: {
    status: 400,
    message: '情形对应关系有误：须把旧版本的每一种情形对应到新版本的一种情形',
  },
  PERIOD_INVALID: { status: 400, message: '期别格式应为“2020Q2”（年份加季度）' },
  SETTING_INVALID: { status: 400, message: '设置值不符合要求，请按提示修改' },
  HOLIDAY_INVALID: { status: 400, message: '日期格式应为“2020-10-01”' },
  RECORD_NOT_FOUND: { status: 404, message: '记录不存在，或您无权查看' },
  RECORDER_ROLE_REQUIRED: {
    status: 403,
    message: '您在该单位没有记录人角色，不能在该单位记录干预情况',
  },
  RECORD_NOT_DRAFT: {
    status: 409,
    message: '只有草稿可以直接修改；已签字的记录请提交更正并说明原因',
  },
  RECORD_NOT_SIGNED: { status: 409, message: '记录尚未签字，请先由记录人签字' },
  RECORD_VOIDED: { status: 409, message: '记录已作废，不能再修改' },
  RECORD_NOT_YOURS: { status: 403, message: '只有记录人本人可以进行此操作' },
  EVIDENCE_REQUIRED: {
    status: 400,
    message: '来文来函和通讯信息须至少上传一份证据材料，或填写无证据材料的原因后再签字',
  },
  NOT_A_WITNESS: { status: 403, message: '您不是这条记录中登记的在场人员' },
  ALREADY_CONFIRMED: { status: 409, message: '您已确认过这条记录' },
  QUARTER_SUBMITTED: {
    status: 409,
    message: '该季度已报送，不能再作废或修改；新发现的情况请作为补报处理',
  },
  EVIDENCE_REJECTED: { status: 400, message: '证据材料不符合要求' },
  EVIDENCE_NOT_FOUND: { status: 404, message: '证据材料不存在' },
  EVIDENCE_CORRUPTED: {
    status: 500,
    message: '证据文件校验失败，可能已被改动，已报警，请联系安全管理员',
  },
  REPORT_NOT_FOUND: { status: 404, message: '该季度尚未编制报告' },
  REPORT_ROLE_REQUIRED: { status: 403, message: '您在该单位没有进行此操作的角色' },
  REPORT_STALE: { status: 409, message: '本季度的记录在编制后发生了变化，请重新编制后再签字' },
  REPORT_STATE: { status: 409, message: '报告当前的状态不允许此操作' },
  REPORT_WITNESS_PENDING: {
    status: 409,
    message: '尚有记录等待在场人员签字确认；如在场人员拒签、离职或无法联系，请填写原因后再报送',
  },
  REPORT_SIGNATURES_MISSING: {
    status: 409,
    message: '分管统计法治负责人和主要负责人签字后才能盖章',
  },
  SEAL_MISSING: { status: 409, message: '本单位尚未上传公章图样，请联系系统管理员上传后再盖章' },
  NOTHING_TO_SUPPLEMENT: { status: 409, message: '该季度已报送，且没有新的记录需要补报' },
  LOG_APPEND_FAILED: { status: 503, message: '审计记录写入失败，本次操作未执行，请稍后重试' },
  IMPORT_NOT_XLSX: {
    status: 400,
    message:
      '上传的文件不是 Excel 工作簿（.xlsx）；如是 .xls、.et 或 .csv 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入',
  },
  IMPORT_UNREADABLE: {
    status: 400,
    message:
      '文件无法作为 Excel 工作簿读取，可能已损坏，请在 Excel 或 WPS 中打开并另存为 .xlsx 后重新导入',
  },
  IMPORT_LAYOUT_UNKNOWN: {
    status: 400,
    message:
      '无法识别表格格式：请使用记录台账（附件1）的格式或本系统的导入模板，表头须有“序号”“干预人”“干预时间”等列',
  },
  IMPORT_UNSAFE_ARCHIVE: {
    status: 400,
    message:
      '文件内部结构异常（解压后过大，或含有链接、越界路径），已拒绝；请用 Excel 打开后另存为 .xlsx 再导入',
  },
  IMPORT_TOO_LARGE: { status: 413, message: '导入文件超过 20 MB 上限，请分成多个文件导入' },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    message: '导入文件超过单次导入 20000 行的上限，请分成多个文件导入',
  },
  IMPORT_EMPTY: { status: 400, message: '文件中没有找到任何记录，请检查是否选错了文件' },
  IMPORT_INVALID: {
    status: 400,
    message: '导入文件有误，请按提示逐行修改后重新导入；本次未导入任何记录',
  },
  IMPORT_NOTHING_VALID: {
    status: 400,
    message: '文件中没有无误的记录可以导入，本次未导入任何记录',
  },
  IMPORT_FILE_NOT_FOUND: { status: 404, message: '找不到要导入的文件，请重新上传' },
  IMPORT_ROLE_REQUIRED: {
    status: 403,
    message: '您在该单位没有记录人或填报人角色，不能为该单位导入台账',
  },
  REFERRAL_NOT_FOUND: { status: 404, message: '移送函不存在，或您无权查看' },
  REFERRAL_STATE: { status: 409, message: '移送函当前的状态不允许此操作' },
  REFERRAL_NUMBER_TAKEN: { status: 409, message: '该文号已被本单位使用，请换一个文号' },
  REFERRAL_BUREAU_REQUIRED: {
    status: 400,
    message: '您在多个单位担任上级审核，请选择以哪个单位的名义移送',
  },
  REFERRAL_RECORD_VOIDED: { status: 409, message: '已作废的记录不能移送，请从移送的记录中去掉' },
  REFERRAL_RULES_INVALID: {
    status: 400,
    message: '干部管理权限规则有误：每个级别都须填写主送机关，请按提示修改',
  },
  COMPLIANCE_NOT_FLAGGED: {
    status: 409,
    message: '该单位该季度未缺报、未迟报、也未被退回，无需责任追究',
  },
  ANNUAL_NOT_FOUND: {
    status: 404,
    message: '该年度的本地区汇总表尚未编制，请先由填报人编制',
  },
  ANNUAL_STATE: { status: 409, message: '本地区汇总表当前的状态不允许此操作' },
  ANNUAL_STALE: {
    status: 409,
    message: '编制后又有季度报告被接收，本地区汇总表的数字已变，请重新编制后再签字、盖章、报送',
  },
  ANNUAL_TOO_EARLY: {
    status: 409,
    message: '该年度尚未结束，次年 1 月 1 日起才能编制上一年的本地区汇总表',
  },
  ANNUAL_NOT_BUREAU: {
    status: 409,
    message: '只有县（区）以上统计局填写本地区汇总表，请选择统计局',
  },
  ANNUAL_YEAR_INVALID: { status: 400, message: '年份须是 2000 到 2999 之间的四位数字' },
  SUPERVISION_NOT_FOUND: { status: 404, message: '监督检查记录不存在，或您无权查看' },
  SUPERVISION_STATUS: {
    status: 409,
    message: '监督检查已办结，不能再变更；如有新情况请另行登记一次检查',
  },
  SUPERVISION_BODY_INVALID: {
    status: 400,
    message: '被检查单位须是本单位下属的统计机构，请检查单位代码或改填单位名称',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传的内容过大' },
  INTERNAL: { status: 500, message: '系统内部错误，请稍后重试；如持续出现请联系系统管理员' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/** A problem in one field, named by its JSON path, with what to fix. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldProblem[] | Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? errorCatalog[code].message);
    this.status = errorCatalog[code].status;
  }
}

export function fail(code: ErrorCode, details?: AppError['details'], message?: string): never {
  throw new AppError(code, details, message);
}
