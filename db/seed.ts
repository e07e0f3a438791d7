import { creditCodeCheckChar } from "../app/lib/credit-code";
import { addDays, lastFullQuarterStart, todayIso } from "../app/lib/dates";
import type { Db } from "./client";
import * as s from "./schema";
import { seededRandom as random } from "../app/lib/random";
import { addMonths, schedule, type Period } from "../app/lib/schedule";
import { allocate } from "../app/models/terms.server";

// The demo township, modelled on the source report: 青杨镇 with its villages, the companies that
// partner with them, 11 joint Party organizations, joint projects and five years of income.
// Deterministic (a seeded generator), so every fresh start shows the same figures.

function creditCode(prefix: string, serial: number) {
  const body = `${prefix}${String(serial).padStart(9, "0")}`.slice(0, 17);
  return body + creditCodeCheckChar(body);
}

const COUNTY = "321204";
const TOWNSHIPS = [
  { name: "青杨镇", code: `${COUNTY}100` },
  { name: "白马镇", code: `${COUNTY}101` },
];

// name, township index, kind, code suffix, lat, lng, households, population, party members, secretary
const VILLAGES: [string, number, "village" | "community", string, number, number, number, number, number, string][] = [
  ["井亭村", 0, "village", "201", 32.5412, 120.1384, 812, 2936, 86, "周建国"],
  ["东风村", 0, "village", "202", 32.5538, 120.1602, 645, 2310, 61, "王桂兰"],
  ["红星村", 0, "village", "203", 32.5297, 120.1711, 703, 2488, 70, "李国强"],
  ["新庄村", 0, "village", "204", 32.5186, 120.1452, 534, 1902, 49, "陈立新"],
  ["桥头村", 0, "village", "205", 32.565, 120.1289, 488, 1765, 45, "张德明"],
  ["杨家村", 0, "village", "206", 32.5073, 120.1247, 590, 2140, 57, "杨志华"],
  ["河西社区", 0, "community", "001", 32.5361, 120.1198, 1320, 4105, 112, "刘秀英"],
  ["前进村", 0, "village", "207", 32.5774, 120.151, 421, 1530, 38, "赵永刚"],
  ["三里村", 0, "village", "208", 32.5235, 120.1896, 377, 1368, 33, "孙海燕"],
  ["高桥村", 0, "village", "209", 32.4968, 120.1613, 455, 1655, 41, "吴春生"],
  ["白马村", 1, "village", "201", 32.4712, 120.2208, 702, 2570, 66, "马文军"],
  ["凤凰村", 1, "village", "202", 32.4586, 120.2415, 615, 2204, 58, "黄丽萍"],
  ["民主村", 1, "village", "203", 32.4839, 120.2537, 498, 1811, 44, "朱卫东"],
  ["长生村", 1, "village", "204", 32.4451, 120.2102, 433, 1588, 39, "徐长林"],
  ["马庄村", 1, "village", "205", 32.4667, 120.1987, 389, 1402, 35, "何建平"],
];

// name, industry, above size, legal rep, contact, phone, address, lat, lng, party org, party members
const ENTERPRISES: [string, string, boolean, string, string, string, string, number, number, boolean, number][] = [
  ["天祥集团", "C", true, "顾天祥", "钱伟", "0523-88231001", "青杨镇工业园区天祥路 1 号", 32.5468, 120.1433, true, 46],
  [
    "绿杨新材料有限公司",
    "C",
    true,
    "杨绿洲",
    "沈洁",
    "0523-88231168",
    "青杨镇工业园区纬二路 8 号",
    32.5392,
    120.1521,
    true,
    23,
  ],
  [
    "宏达机械制造有限公司",
    "C",
    true,
    "韩宏达",
    "韩磊",
    "0523-88232210",
    "青杨镇东风路 66 号",
    32.5561,
    120.1655,
    true,
    15,
  ],
  [
    "青杨农业发展有限公司",
    "A",
    false,
    "许丰收",
    "许敏",
    "0523-88235511",
    "青杨镇新庄村五组",
    32.5159,
    120.1488,
    false,
    4,
  ],
  [
    "阳光新能源科技有限公司",
    "D",
    true,
    "邵光明",
    "邵晨",
    "0523-88236677",
    "青杨镇工业园区经三路 18 号",
    32.533,
    120.1612,
    true,
    12,
  ],
  ["金穗米业有限公司", "C", false, "金满仓", "金丽", "0523-88237320", "青杨镇杨家村一组", 32.5051, 120.129, false, 3],
  [
    "青建建设工程有限公司",
    "E",
    true,
    "严建中",
    "严峻",
    "0523-88238812",
    "青杨镇人民路 120 号",
    32.5377,
    120.1265,
    true,
    9,
  ],
  [
    "凤凰湖文旅发展有限公司",
    "R",
    false,
    "凤来仪",
    "袁媛",
    "0523-88512888",
    "白马镇凤凰湖景区",
    32.4561,
    120.2472,
    false,
    5,
  ],
  [
    "民丰物业服务有限公司",
    "O",
    false,
    "丰民",
    "丰小燕",
    "0523-88513100",
    "白马镇民主路 9 号",
    32.482,
    120.2501,
    false,
    2,
  ],
  [
    "长江纺织有限公司",
    "C",
    true,
    "江长河",
    "江帆",
    "0523-88514466",
    "白马镇工业集中区 3 号",
    32.4703,
    120.226,
    true,
    18,
  ],
  ["鑫源电子有限公司", "C", false, "鑫源", "周密", "0523-88515522", "白马镇长生路 28 号", 32.448, 120.214, false, 6],
  [
    "白马劳务服务有限公司",
    "O",
    false,
    "白敬业",
    "白云",
    "0523-88516633",
    "白马镇白马村委会旁",
    32.4725,
    120.2189,
    false,
    1,
  ],
];

type OrgSeed = {
  name: string;
  level: (typeof s.ORG_LEVELS)[number];
  established: string;
  secretary: [string, string];
  instructor: string;
  villages: string[];
  enterprises: string[];
  partyMembers: number;
  dissolvedOn?: string;
  skipLastReview?: boolean;
};

const ORGS: OrgSeed[] = [
  {
    name: "井亭村天祥绿杨联合党委",
    level: "committee",
    established: "2019-06-28",
    secretary: ["钱志远", "镇党委书记"],
    instructor: "孙丽娟",
    villages: ["井亭村"],
    enterprises: ["天祥集团", "绿杨新材料有限公司"],
    partyMembers: 155,
  },
  {
    name: "东风红星宏达联合党总支",
    level: "general_branch",
    established: "2020-03-15",
    secretary: ["李卫民", "镇党委副书记"],
    instructor: "王晓东",
    villages: ["东风村", "红星村"],
    enterprises: ["宏达机械制造有限公司"],
    partyMembers: 146,
  },
  {
    name: "新庄村青杨农业联合党支部",
    level: "branch",
    established: "2020-07-01",
    secretary: ["周敏", "镇党委组织委员"],
    instructor: "刘畅",
    villages: ["新庄村"],
    enterprises: ["青杨农业发展有限公司"],
    partyMembers: 53,
  },
  {
    name: "三里高桥阳光新能源联合党支部",
    level: "branch",
    established: "2021-04-20",
    secretary: ["陈浩", "镇人大主席"],
    instructor: "吴婷",
    villages: ["三里村", "高桥村"],
    enterprises: ["阳光新能源科技有限公司"],
    partyMembers: 86,
  },
  {
    name: "杨家村金穗米业联合党支部",
    level: "branch",
    established: "2021-05-12",
    secretary: ["赵磊", "副镇长"],
    instructor: "郑洁",
    villages: ["杨家村"],
    enterprises: ["金穗米业有限公司"],
    partyMembers: 60,
  },
  {
    name: "河西社区青建联合党支部",
    level: "branch",
    established: "2021-09-08",
    secretary: ["钱志远", "镇党委书记"],
    instructor: "孙丽娟",
    villages: ["河西社区"],
    enterprises: ["青建建设工程有限公司"],
    partyMembers: 121,
  },
  {
    name: "桥头前进天祥联合党总支",
    level: "general_branch",
    established: "2022-02-18",
    secretary: ["李卫民", "镇党委副书记"],
    instructor: "王晓东",
    villages: ["桥头村", "前进村"],
    enterprises: ["天祥集团", "宏达机械制造有限公司"],
    partyMembers: 144,
    skipLastReview: true,
  },
  {
    name: "凤凰村凤凰湖文旅联合党支部",
    level: "branch",
    established: "2022-05-26",
    secretary: ["马振华", "白马镇党委副书记"],
    instructor: "黄蓉",
    villages: ["凤凰村"],
    enterprises: ["凤凰湖文旅发展有限公司"],
    partyMembers: 63,
  },
  {
    name: "白马长江纺织联合党总支",
    level: "general_branch",
    established: "2022-08-30",
    secretary: ["朱红", "白马镇党委书记"],
    instructor: "黄蓉",
    villages: ["白马村", "马庄村"],
    enterprises: ["长江纺织有限公司", "白马劳务服务有限公司"],
    partyMembers: 120,
  },
  {
    name: "民主村民丰物业联合党支部",
    level: "branch",
    established: "2023-03-09",
    secretary: ["马振华", "白马镇党委副书记"],
    instructor: "何静",
    villages: ["民主村"],
    enterprises: ["民丰物业服务有限公司"],
    partyMembers: 46,
    skipLastReview: true,
  },
  {
    name: "长生村鑫源电子联合党支部",
    level: "branch",
    established: "2023-06-16",
    secretary: ["徐刚", "白马镇副镇长"],
    instructor: "何静",
    villages: ["长生村"],
    enterprises: ["鑫源电子有限公司"],
    partyMembers: 45,
    dissolvedOn: "2025-12-31",
  },
];

type ProjectSeed = {
  name: string;
  type: (typeof s.PROJECT_TYPES)[number];
  status: (typeof s.PROJECT_STATUSES)[number];
  org?: string;
  villages: string[];
  enterprises: string[];
  investmentYuan: number;
  start?: string;
  end?: string;
  expectedYuan: number;
  at: [number, number];
  notes?: string;
  /** income: [category, yearly yuan, enterprise paying] per village */
  income?: [(typeof s.INCOME_CATEGORIES)[number], number, string | null];
};

const PROJECTS: ProjectSeed[] = [
  {
    name: "井亭村标准厂房租赁",
    type: "building_lease",
    status: "operating",
    org: "井亭村天祥绿杨联合党委",
    villages: ["井亭村"],
    enterprises: ["天祥集团"],
    investmentYuan: 4_800_000,
    start: "2019-09-01",
    end: "2034-08-31",
    expectedYuan: 300_000,
    at: [32.5449, 120.1402],
    income: ["operating", 300_000, "天祥集团"],
  },
  {
    name: "井亭村入股绿杨新材料分红",
    type: "shares_dividends",
    status: "operating",
    org: "井亭村天祥绿杨联合党委",
    villages: ["井亭村"],
    enterprises: ["绿杨新材料有限公司"],
    investmentYuan: 2_000_000,
    start: "2020-01-01",
    end: "2029-12-31",
    expectedYuan: 250_000,
    at: [32.5401, 120.1498],
    income: ["investment", 250_000, "绿杨新材料有限公司"],
  },
  {
    name: "东风红星机械配件加工车间",
    type: "building_lease",
    status: "operating",
    org: "东风红星宏达联合党总支",
    villages: ["东风村", "红星村"],
    enterprises: ["宏达机械制造有限公司"],
    investmentYuan: 3_200_000,
    start: "2020-06-01",
    end: "2030-05-31",
    expectedYuan: 180_000,
    at: [32.5502, 120.1668],
    income: ["operating", 90_000, "宏达机械制造有限公司"],
  },
  {
    name: "红星村劳务输出合作",
    type: "labour_services",
    status: "operating",
    org: "东风红星宏达联合党总支",
    villages: ["红星村"],
    enterprises: ["宏达机械制造有限公司"],
    investmentYuan: 0,
    start: "2021-01-01",
    end: "2026-12-31",
    expectedYuan: 60_000,
    at: [32.5285, 120.174],
    income: ["operating", 55_000, "宏达机械制造有限公司"],
  },
  {
    name: "新庄村高标准农田流转",
    type: "land_transfer",
    status: "operating",
    org: "新庄村青杨农业联合党支部",
    villages: ["新庄村"],
    enterprises: ["青杨农业发展有限公司"],
    investmentYuan: 1_500_000,
    start: "2020-10-01",
    end: "2035-09-30",
    expectedYuan: 120_000,
    at: [32.514, 120.142],
    income: ["contracting", 118_000, "青杨农业发展有限公司"],
  },
  {
    name: "三里高桥屋顶光伏",
    type: "clean_energy",
    status: "operating",
    org: "三里高桥阳光新能源联合党支部",
    villages: ["三里村", "高桥村"],
    enterprises: ["阳光新能源科技有限公司"],
    investmentYuan: 2_600_000,
    start: "2021-08-01",
    end: "2046-07-31",
    expectedYuan: 160_000,
    at: [32.512, 120.176],
    income: ["investment", 78_000, "阳光新能源科技有限公司"],
  },
  {
    name: "杨家村优质稻米订单种植",
    type: "farming",
    status: "operating",
    org: "杨家村金穗米业联合党支部",
    villages: ["杨家村"],
    enterprises: ["金穗米业有限公司"],
    investmentYuan: 600_000,
    start: "2021-06-01",
    end: "2027-05-31",
    expectedYuan: 70_000,
    at: [32.509, 120.123],
    income: ["operating", 64_000, "金穗米业有限公司"],
  },
  {
    name: "河西社区工程建设公司",
    type: "construction",
    status: "operating",
    org: "河西社区青建联合党支部",
    villages: ["河西社区"],
    enterprises: ["青建建设工程有限公司"],
    investmentYuan: 1_000_000,
    start: "2021-10-01",
    end: "2031-09-30",
    expectedYuan: 200_000,
    at: [32.5346, 120.123],
    income: ["operating", 210_000, "青建建设工程有限公司"],
  },
  {
    name: "河西社区物业服务",
    type: "property_services",
    status: "signed",
    org: "河西社区青建联合党支部",
    villages: ["河西社区"],
    enterprises: [],
    investmentYuan: 150_000,
    start: "2026-12-01",
    end: "2029-11-30",
    expectedYuan: 40_000,
    at: [32.5375, 120.1175],
  },
  {
    name: "桥头村仓储物流用房",
    type: "building_lease",
    status: "building",
    org: "桥头前进天祥联合党总支",
    villages: ["桥头村"],
    enterprises: ["天祥集团"],
    investmentYuan: 2_200_000,
    start: "2025-03-01",
    end: "2040-02-28",
    expectedYuan: 110_000,
    at: [32.5628, 120.132],
  },
  {
    name: "前进村机械零件协作加工",
    type: "labour_services",
    status: "operating",
    org: "桥头前进天祥联合党总支",
    villages: ["前进村", "桥头村"],
    enterprises: ["宏达机械制造有限公司"],
    investmentYuan: 300_000,
    start: "2022-05-01",
    end: "2027-04-30",
    expectedYuan: 50_000,
    at: [32.5755, 120.154],
    income: ["operating", 42_000, "宏达机械制造有限公司"],
  },
  {
    name: "凤凰湖景观道民宿酒店",
    type: "tourism",
    status: "operating",
    org: "凤凰村凤凰湖文旅联合党支部",
    villages: ["凤凰村"],
    enterprises: ["凤凰湖文旅发展有限公司"],
    investmentYuan: 5_600_000,
    start: "2022-09-01",
    end: "2042-08-31",
    expectedYuan: 260_000,
    at: [32.4548, 120.2448],
    income: ["investment", 230_000, "凤凰湖文旅发展有限公司"],
  },
  {
    name: "白马马庄纺织厂房",
    type: "building_lease",
    status: "operating",
    org: "白马长江纺织联合党总支",
    villages: ["白马村", "马庄村"],
    enterprises: ["长江纺织有限公司"],
    investmentYuan: 3_000_000,
    start: "2022-10-01",
    end: "2037-09-30",
    expectedYuan: 150_000,
    at: [32.469, 120.223],
    income: ["operating", 75_000, "长江纺织有限公司"],
  },
  {
    name: "白马村劳务合作社",
    type: "labour_services",
    status: "operating",
    org: "白马长江纺织联合党总支",
    villages: ["白马村"],
    enterprises: ["白马劳务服务有限公司"],
    investmentYuan: 100_000,
    start: "2023-01-01",
    end: "2027-12-31",
    expectedYuan: 45_000,
    at: [32.4735, 120.217],
    income: ["operating", 38_000, "白马劳务服务有限公司"],
  },
  {
    name: "民主村小区物业托管",
    type: "property_services",
    status: "operating",
    org: "民主村民丰物业联合党支部",
    villages: ["民主村"],
    enterprises: ["民丰物业服务有限公司"],
    investmentYuan: 80_000,
    start: "2023-04-01",
    end: "2028-03-31",
    expectedYuan: 35_000,
    at: [32.4851, 120.256],
    income: ["operating", 32_000, "民丰物业服务有限公司"],
  },
  {
    name: "长生村电子元件来料加工",
    type: "labour_services",
    status: "ended",
    org: "长生村鑫源电子联合党支部",
    villages: ["长生村"],
    enterprises: ["鑫源电子有限公司"],
    investmentYuan: 200_000,
    start: "2023-07-01",
    end: "2025-12-31",
    expectedYuan: 30_000,
    at: [32.447, 120.212],
    income: ["operating", 28_000, "鑫源电子有限公司"],
  },
  {
    name: "凤凰村生态农庄",
    type: "farming",
    status: "negotiating",
    villages: ["凤凰村", "长生村"],
    enterprises: ["凤凰湖文旅发展有限公司"],
    investmentYuan: 1_200_000,
    expectedYuan: 80_000,
    at: [32.452, 120.23],
    notes: "意向协议已起草，待村民代表大会表决",
  },
  {
    name: "东风村农光互补电站",
    type: "clean_energy",
    status: "negotiating",
    villages: ["东风村"],
    enterprises: ["阳光新能源科技有限公司"],
    investmentYuan: 3_500_000,
    expectedYuan: 150_000,
    at: [32.558, 120.157],
  },
  {
    name: "高桥村乡村振兴服务中心",
    type: "other",
    status: "building",
    villages: ["高桥村"],
    enterprises: [],
    investmentYuan: 900_000,
    start: "2026-04-01",
    end: "2036-03-31",
    expectedYuan: 30_000,
    at: [32.499, 120.159],
  },
];

/** Subsidies and other income, yearly yuan, for every village (a base with some spread). */
const SUBSIDY_YUAN = 60_000;
const OTHER_YUAN = 12_000;
const CONTRACTING_YUAN = 70_000;
const WITHOUT_CONTRACTING = ["长生村", "桥头村", "河西社区", "马庄村"];

/** What is owed, in the demo: a company behind on its rent, a lease about to end, a weak village a due payment will lift. */
const BEHIND_ON_RENT = "东风红星机械配件加工车间";
const LEASE_ENDING = "杨家村优质稻米订单种植";
const LIFTED = { project: "民主村小区物业托管", village: "民主村" };
const TERM_KIND: Partial<Record<string, (typeof s.TERM_KINDS)[number]>> = {
  shares_dividends: "dividend",
  clean_energy: "guaranteed_dividend",
  labour_services: "service_fee",
  construction: "service_fee",
  farming: "service_fee",
};


export async function seedDemo(db: Db, now = new Date()) {
  const rand = random(20240305);
  const today = todayIso(now);
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  const firstYear = thisYear - 4;

  await db.transaction(async (tx) => {
    const townshipRows = await tx.insert(s.townships).values(TOWNSHIPS).returning();
    const villageRows = await tx
      .insert(s.villages)
      .values(
        VILLAGES.map(([name, t, kind, suffix, lat, lng, households, population, partyMembers, secretary], i) => ({
          townshipId: townshipRows[t].id,
          name,
          kind,
          code: `${TOWNSHIPS[t].code}${suffix}`,
          collectiveCreditCode: creditCode(`N2${COUNTY}`, 52_000_000 + i * 137),
          lat,
          lng,
          households,
          population,
          partyMembers,
          secretary,
        }))
      )
      .returning();
    const villageId = (name: string) => villageRows.find((v) => v.name === name)!.id;

    const enterpriseRows = await tx
      .insert(s.enterprises)
      .values(
        ENTERPRISES.map(
          ([name, industry, aboveSize, legalRep, contact, phone, address, lat, lng, hasPartyOrg, partyMembers], i) => ({
            name,
            creditCode: creditCode(`91${COUNTY}`, 71_000_000 + i * 7919),
            industry,
            aboveSize,
            legalRep,
            contact,
            phone,
            address,
            lat,
            lng,
            hasPartyOrg,
            partyMembers,
          })
        )
      )
      .returning();
    const enterpriseId = (name: string) => enterpriseRows.find((e) => e.name === name)!.id;

    const orgIds = new Map<string, number>();
    for (const org of ORGS) {
      const [row] = await tx
        .insert(s.organizations)
        .values({
          name: org.name,
          level: org.level,
          establishedOn: org.established,
          firstSecretary: org.secretary[0],
          firstSecretaryPost: org.secretary[1],
          instructor: org.instructor,
          partyMembers: org.partyMembers,
          dissolvedOn: org.dissolvedOn ?? null,
        })
        .returning();
      orgIds.set(org.name, row.id);
      await tx
        .insert(s.organizationVillages)
        .values(org.villages.map((v) => ({ organizationId: row.id, villageId: villageId(v) })));
      await tx
        .insert(s.organizationEnterprises)
        .values(org.enterprises.map((e) => ({ organizationId: row.id, enterpriseId: enterpriseId(e) })));
      await tx.insert(s.activities).values(activitiesFor(org, row.id, today, rand));
    }

    const incomeRows: (typeof s.incomeRecords.$inferInsert)[] = [];
    const voucherSerial = new Map<number, number>();
    const voucher = (vId: number, year: number) => {
      const n = (voucherSerial.get(vId * 10000 + year) ?? 0) + 1;
      voucherSerial.set(vId * 10000 + year, n);
      return `${year}-${String(n).padStart(3, "0")}`;
    };
    const addIncome = (row: Omit<typeof s.incomeRecords.$inferInsert, "voucher">) =>
      incomeRows.push({ ...row, voucher: voucher(row.villageId, Number(row.receivedOn.slice(0, 4))) });

    type TermSeed = Omit<typeof s.contractTerms.$inferInsert, "period"> & { period: Period; paidDues?: number };
    const terms: TermSeed[] = [];
    // the company behind on its rent pays quarterly from 21 months ago; its last two quarters are unpaid
    const [ty, tm] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const behindFirstDue = addMonths(`${ty}-${String(tm).padStart(2, "0")}-15`, -21);

    for (const p of PROJECTS) {
      if (p.name === LEASE_ENDING) p.end = addDays(today, 75);
      const [row] = await tx
        .insert(s.projects)
        .values({
          name: p.name,
          organizationId: p.org ? orgIds.get(p.org)! : null,
          type: p.type,
          status: p.status,
          investmentFen: p.investmentYuan * 100,
          contractStart: p.start ?? null,
          contractEnd: p.end ?? null,
          expectedIncomeFen: p.expectedYuan * 100,
          lat: p.at[0],
          lng: p.at[1],
          notes: p.notes ?? null,
        })
        .returning();
      await tx
        .insert(s.projectVillages)
        .values(p.villages.map((v) => ({ projectId: row.id, villageId: villageId(v) })));
      if (p.enterprises.length) {
        await tx
          .insert(s.projectEnterprises)
          .values(p.enterprises.map((e) => ({ projectId: row.id, enterpriseId: enterpriseId(e) })));
      }
      await tx.insert(s.projectStatusHistory).values(statusHistory(p, row.id, today));
      if (!p.income) continue;
      const [category, yearlyYuan, payer] = p.income;
      const behind = p.name === BEHIND_ON_RENT;
      const startYear = Math.max(firstYear, Number((p.start ?? today).slice(0, 4)));
      const endYear = Math.min(thisYear, Number((p.end ?? `${thisYear}`).slice(0, 4)));
      for (let year = startYear; year <= endYear; year++) {
        // Fixed in the latest year for 井亭村's two partners (the report's 550,000 yuan); grows ~6% a year elsewhere.
        const isHeadline = p.villages[0] === "井亭村" && year === thisYear;
        const growth = isHeadline ? 1 : Math.pow(1.06, year - thisYear) * (0.9 + rand() * 0.2);
        for (const v of p.villages) {
          const yuan = Math.round((yearlyYuan * growth) / p.villages.length);
          // an operating project's term: half of this year's payment every half year, to its end
          if (
            year === thisYear &&
            payer &&
            p.status === "operating" &&
            !behind &&
            p.end &&
            p.end >= `${thisYear}-06-30`
          )
            terms.push({
              projectId: row.id,
              villageId: villageId(v),
              enterpriseId: enterpriseId(payer),
              kind: TERM_KIND[p.type] ?? "fixed_rent",
              category,
              amountFen: Math.round(yuan * 0.5) * 100,
              period: "half_year",
              firstDue: `${thisYear}-06-30`,
              endsOn: p.end,
            });
          if (behind && payer && year === thisYear)
            terms.push({
              projectId: row.id,
              villageId: villageId(v),
              enterpriseId: enterpriseId(payer),
              kind: "fixed_rent",
              category,
              amountFen: Math.round(yearlyYuan / p.villages.length / 4) * 100,
              period: "quarter",
              firstDue: behindFirstDue,
              endsOn: p.end!,
              paidDues: 6,
            });
          // Paid twice a year: half in June (or the latest month of this year), half in December.
          for (const [month, share] of paymentMonths(year, thisYear, thisMonth)) {
            // the company behind on its rent pays by its quarters instead (below)
            if (behind && dateIn(year, month, 15, today) >= addMonths(behindFirstDue, -3)) continue;
            addIncome({
              villageId: villageId(v),
              receivedOn: dateIn(year, month, 15, today),
              category,
              amountFen: Math.round(yuan * share) * 100,
              projectId: row.id,
              enterpriseId: payer ? enterpriseId(payer) : null,
              note: null,
            });
          }
        }
      }
    }

    // Subsidies (补助收入) and other income for every village, every year, with no paying enterprise.
    for (const v of villageRows) {
      for (let year = firstYear; year <= thisYear; year++) {
        const lastMonth = year === thisYear ? thisMonth : 12;
        const subsidy = Math.round(SUBSIDY_YUAN * (0.5 + rand()));
        addIncome({
          villageId: v.id,
          receivedOn: dateIn(year, Math.min(3, lastMonth), 20, today),
          category: "subsidy",
          amountFen: subsidy * 100,
          note: "财政转移支付",
        });
        if (lastMonth >= 9) {
          const other = Math.round(OTHER_YUAN * (0.3 + rand()));
          addIncome({
            villageId: v.id,
            receivedOn: dateIn(year, 9, 8, today),
            category: "other",
            amountFen: other * 100 + Math.floor(rand() * 100),
            note: "利息及零星收入",
          });
        }
        // 发包及上交收入: farmland and fishponds let to growers, booked the old way; a few villages have none
        // left to let and stay 薄弱村 (weak) in the demo.
        if (!WITHOUT_CONTRACTING.includes(v.name)) {
          const contracting = Math.round(CONTRACTING_YUAN * (0.6 + rand() * 0.8));
          addIncome({
            villageId: v.id,
            receivedOn: dateIn(year, Math.min(4, lastMonth), 10, today),
            category: "contracting",
            amountFen: contracting * 100,
            note: "土地及鱼塘发包",
          });
        }
      }
    }

    // the receipts of the quarters paid, on their due dates
    for (const term of terms.filter((t) => t.paidDues))
      for (const due of schedule({ ...term, increaseBp: null, increaseEveryYears: null }).slice(0, term.paidDues))
        if (due.dueOn <= today)
          addIncome({
            villageId: term.villageId,
            receivedOn: due.dueOn,
            category: term.category,
            amountFen: due.amountFen,
            projectId: term.projectId,
            enterpriseId: term.enterpriseId,
            note: "季度租金",
          });
    // a weak village whose guaranteed dividend, due later this year, lifts it over the threshold
    const lifted = villageId(LIFTED.village);
    const operatingSoFar = incomeRows
      .filter((r) => r.villageId === lifted && r.receivedOn.startsWith(`${thisYear}-`))
      .filter((r) => ["operating", "contracting", "investment"].includes(r.category))
      .reduce((n, r) => n + r.amountFen, 0);
    const gap = 100_000 * 100 - operatingSoFar;
    const liftedProject = await tx.query.projects.findFirst({ where: (t, { eq }) => eq(t.name, LIFTED.project) });
    if (gap > 0 && liftedProject) {
      const due = today < `${thisYear}-12-31` ? [addDays(today, 20), `${thisYear}-12-31`].sort()[0] : today;
      terms.push({
        projectId: liftedProject.id,
        villageId: lifted,
        enterpriseId: enterpriseId("民丰物业服务有限公司"),
        kind: "guaranteed_dividend",
        category: "operating",
        amountFen: Math.ceil((gap + 500_000) / 100_000) * 100_000,
        period: "once",
        firstDue: due,
        endsOn: due,
        notes: "年终保底分红",
      });
    }

    for (let i = 0; i < incomeRows.length; i += 200)
      await tx.insert(s.incomeRecords).values(incomeRows.slice(i, i + 200));
    // the terms, their expected payments, and the receipts matched to them as the app matches them
    for (const { paidDues: _, ...term } of terms) {
      const [made] = await tx.insert(s.contractTerms).values(term).returning();
      const dues = schedule(made).map((d) => ({ termId: made.id, seq: d.seq, dueOn: d.dueOn, amountFen: d.amountFen }));
      for (let i = 0; i < dues.length; i += 200) await tx.insert(s.expectedPayments).values(dues.slice(i, i + 200));
    }
    await allocate(tx, terms);
    const years = Array.from({ length: 5 }, (_, i) => firstYear + i);
    await tx.insert(s.yearSettings).values(years.map((year) => ({ year, weakThresholdFen: 100_000 * 100 })));
  });
}

function paymentMonths(year: number, thisYear: number, thisMonth: number): [number, number][] {
  if (year < thisYear)
    return [
      [6, 0.5],
      [12, 0.5],
    ];
  // This year: the first half by June (or now), the rest paid early in a partial year.
  if (thisMonth >= 12)
    return [
      [6, 0.5],
      [12, 0.5],
    ];
  if (thisMonth >= 6)
    return [
      [6, 0.5],
      [thisMonth, 0.5],
    ];
  return [[thisMonth, 1]];
}

/** A day in that month, but never after today (income is never dated in the future). */
function dateIn(year: number, month: number, day: number, today: string): string {
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return iso > today ? today : iso;
}

function activitiesFor(org: OrgSeed, organizationId: number, today: string, rand: () => number) {
  const rows: (typeof s.activities.$inferInsert)[] = [];
  const start = Number(org.established.slice(0, 4));
  const end = org.dissolvedOn ?? today;
  const thisYear = Number(today.slice(0, 4));
  for (let year = Math.max(start, thisYear - 2); year <= thisYear; year++) {
    for (let quarter = 1; quarter <= 4; quarter++) {
      // The review of a quarter is held in the first weeks after it ends.
      const month = quarter * 3 + 1;
      const held = month > 12 ? `${year + 1}-01-12` : `${year}-${String(month).padStart(2, "0")}-12`;
      if (held > today || held > end || held < org.established) continue;
      // two organizations have let their reviews lapse: none since the last full quarter began
      if (org.skipLastReview && held >= lastFullQuarterStart(today)) continue;
      rows.push({
        organizationId,
        heldOn: held,
        kind: "quarterly_review",
        title: `${year}年第${"一二三四"[quarter - 1]}季度复盘会`,
        summary: "对照年度共建清单逐项复盘，梳理项目进度与村集体增收情况，明确下季度任务。",
        attendance: 12 + Math.floor(rand() * 15),
      });
    }
    const themeDay = `${year}-07-01`;
    if (themeDay <= today && themeDay <= end && themeDay >= org.established) {
      rows.push({
        organizationId,
        heldOn: themeDay,
        kind: "theme_day",
        title: `${year}年“七一”主题党日`,
        summary: "重温入党誓词，村企党员共同开展志愿服务。",
        attendance: 30 + Math.floor(rand() * 30),
      });
    }
  }
  if (!rows.length)
    rows.push({
      organizationId,
      heldOn: org.established,
      kind: "joint_activity",
      title: "联合党组织成立大会",
      attendance: 40,
    });
  return rows;
}

function statusHistory(p: ProjectSeed, projectId: number, today: string) {
  const order = s.PROJECT_STATUSES;
  const reached = order.indexOf(p.status);
  const base = p.start ?? addMonths(today, -2);
  const rows: (typeof s.projectStatusHistory.$inferInsert)[] = [];
  const steps = p.status === "ended" ? [0, 1, 2, 3, 4] : order.slice(0, reached + 1).map((_, i) => i);
  steps.forEach((step, i) => {
    const on = addMonths(base, (i - steps.length + 1) * 3);
    rows.push({ projectId, status: order[step], changedOn: on > today ? today : on });
  });
  if (p.status === "ended" && p.end) rows[rows.length - 1].changedOn = p.end < today ? p.end : today;
  return rows;
}
