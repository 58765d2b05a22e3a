/**
 * The small word lists the demo data is assembled from: surnames and given-name characters,
 * posts by level, towns, offices, indicators and what interferers say. Every person and
 * company is made up; the lists only aim to read like a county statistics bureau's ledger.
 */

export const surnames = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万段雷钱汤尹易常武乔贺龚',
];

export const givenCharacters = [
  ...'建国伟军华明强磊洋勇杰涛斌超鹏辉刚平志峰海东红丽芳敏静霞燕玲娟婷雪慧颖琳晓文宏庆立新春永德利振思佳嘉俊宇浩鑫瑞凯博亮旭彬晨阳岩松林秀兰梅英桂荣凤玉娜蕾倩璐',
];

/** Towns and streets; generic names, not a claim about any county's real map. */
export const towns = [
  '城关镇',
  '东关街道',
  '西关街道',
  '高庄镇',
  '李寨乡',
  '王庄镇',
  '新集镇',
  '孙营乡',
  '刘店乡',
  '张楼镇',
  '马头镇',
  '杨庄乡',
];

export const villages = ['前进村', '东湖村', '南岗村', '小李庄村', '大王庄村', '后营村', '白庙村'];

/** A county bureau's sections (股); the recording office of 附件1 is one of them. */
export const offices = [
  '综合统计股',
  '工业交通统计股',
  '农村统计股',
  '贸易外经统计股',
  '投资统计股',
  '统计法规股',
  '普查中心',
];

/**
 * Posts by level, as [unit, title]: the unit also sends the letters of its people. {area} is
 * the county or district, {head} 县 or 区, {party} its party committee, {town} a town and
 * {townHead} the head of it.
 */
export const postsByLevel: Record<'county' | 'township' | 'other', Array<[string, string]>> = {
  county: [
    ['{area}人民政府', '副{head}长'],
    ['{area}人民政府', '常务副{head}长'],
    ['{area}人民政府', '{head}长'],
    ['{party}', '副书记'],
    ['{area}人大常委会', '副主任'],
  ],
  township: [
    ['中共{area}{town}委员会', '书记'],
    ['{area}{town}人民政府', '{townHead}'],
    ['{area}发展和改革委员会', '主任'],
    ['{area}工业和信息化局', '局长'],
    ['{area}商务局', '局长'],
    ['{area}农业农村局', '局长'],
    ['{area}产业集聚区管委会', '主任'],
  ],
  other: [
    ['{area}{town}{village}', '党支部书记'],
    ['{area}宏达实业有限公司', '董事长'],
    ['{area}城市建设投资有限公司', '总经理'],
    ['{area}恒信纺织有限公司', '财务总监'],
    ['{area}{town}农业服务中心', '主任'],
  ],
};

/** City officials who lean on several counties: the same person in more than one ledger. */
export const cityPosts: Array<[string, string]> = [
  ['开封市发展和改革委员会', '副主任'],
  ['开封市工业和信息化局', '副局长'],
];

export const places = [
  '{area}人民政府三楼小会议室',
  '{party}办公楼二楼会议室',
  '统计局局长办公室',
  '{town}人民政府会议室',
  '{area}产业集聚区管委会办公室',
  '调研途中的公务车上',
  '全{area}经济运行分析会会场',
];

/** Indicators a county bureau collects, by the section that collects them. */
export const indicators = [
  '地区生产总值',
  '规模以上工业增加值',
  '规模以上工业企业营业收入',
  '固定资产投资',
  '全社会用电量',
  '社会消费品零售总额',
  '限额以上批发和零售业销售额',
  '规模以上服务业营业收入',
  '粮食总产量',
  '农村居民人均可支配收入',
  '城镇居民人均可支配收入',
  '生猪出栏头数',
];

/**
 * What was said or written, by theme. The themes are the seven situations of the 2017 rules;
 * a 2023 situation draws from the themes the default mapping sends to it (domain README §2).
 * {indicator}, {period}, {percent}, {company} are filled in per record.
 */
export const themes: Record<number, { words: string[]; withCase?: boolean }> = {
  1: {
    words: [
      '报表我看过了，{indicator}的增速我改成了{percent}，就按改过的报。',
      '这个数我已经在系统里调整了，你们不用再核了，直接上报。',
    ],
  },
  2: {
    words: [
      '{indicator}的增速不能低于全市平均，你们想办法调到{percent}以上。',
      '这个季度的{indicator}必须好看一点，数怎么出来你们自己把握。',
      '排名不能再倒数了，把{indicator}再往上提两个点。',
    ],
  },
  3: {
    words: [
      '以后各乡镇上报{indicator}之前，必须先报{area}政府办审核同意，未经同意不得上报。',
      '联网直报的账号统一交到指挥部管理，企业数据由指挥部统一报送。',
    ],
  },
  4: {
    words: [
      '你去跟{company}说一声，把下个月的产值提前报到这个月。',
      '让几家重点企业的{indicator}按计划数报，不要按实际数报。',
    ],
  },
  5: {
    withCase: true,
    words: [
      '{company}是咱们的纳税大户，处罚的事能不能缓一缓，先别立案。',
      '这个案子到此为止吧，企业负责人我已经批评过了。',
    ],
  },
  6: {
    words: [
      '我们在核算时{indicator}排名太靠后了，能不能在你们这里往上提一提。',
      '今天专门来一趟，就是想请市局在评估{indicator}时给我们留点余地。',
    ],
  },
  7: {
    words: [
      '统计执法检查组下周来之前，把要查的企业名单先透给我。',
      '普查的入户名单先给我看一下，有几家企业不方便让你们去。',
    ],
  },
};

/** 2023 situation → 2017 themes, following the default mapping 一→1, 二四→2, 三五→3, 六七→4. */
export const themesOf2023: Record<number, number[]> = { 1: [1], 2: [2, 4], 3: [3, 5], 4: [6, 7] };

export const companies = [
  '宏达实业有限公司',
  '恒信纺织有限公司',
  '中原新材料有限公司',
  '金穗食品有限公司',
  '远航汽车配件有限公司',
  '汴梁建材有限公司',
];

export const caseNames = ['统计数据造假案', '虚报统计资料案', '拒报统计资料案'];

/** Where an electronic message is kept (信息存储介质情况, 填报说明 2). */
export const storageMedia = {
  phone: '记录人办公电话来电，通话内容当场做了文字记录，来电记录已截屏',
  qq: '记录人单位电脑 QQ 聊天记录，已截屏保存',
  wechat: '记录人手机微信聊天记录，已截屏并导出保存',
  email: '记录人单位邮箱收件箱，邮件已打印并截屏',
  other: '记录人手机钉钉工作群消息，已截屏保存',
} as const;

export const supplementaryReasons = [
  '记录人当时在省里参加培训，返岗后补充记录',
  '干预人当时为记录人的直接上级，调整分工后补充记录',
];

/** Why the reviewer returns a report, and what the recorder adds to the post to put it right. */
export const returnReason = '干预人单位、职务填写不完整，请补充分管工作后重新报送';
export const postDetail = '（分管工业和统计工作）';

/** Pinyin of the counties, for made-up account names and QQ or e-mail handles. */
export const countyPinyin: Record<string, string> = {
  '410202': 'lt',
  '410203': 'sh',
  '410204': 'gl',
  '410205': 'ywt',
  '410212': 'xf',
  '410221': 'qx',
  '410222': 'tx',
  '410223': 'ws',
  '410225': 'lk',
};
