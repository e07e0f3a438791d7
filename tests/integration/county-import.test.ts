import { describe, expect, it } from "vitest";
import { exportFromUrl } from "../helpers/params";
import { importFile } from "~/models/import.server";
import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";

// A small county loaded from nothing but its files (its townships come with the villages file),
// then its summary exported and checked.

const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\r\n") + "\r\n");
const actor = null;

describe("loading a whole small county from files", () => {
  it("imports villages, enterprises, an organization, a project and two years of income; the summary adds up", async () => {
    const db = await getDb();
    expect(await db.all(sql`SELECT id FROM townships`)).toEqual([]);
    const steps: [Parameters<typeof importFile>[0], string[]][] = [
      [
        "villages",
        [
          "村名,所属乡镇,类型,区划代码",
          "湖滨村,东湖镇,村,330100001201",
          "莲塘村,东湖镇,村,330100001202",
          "山前村,西山乡,村,330100002201",
          "山后村,西山乡,村,330100002202",
        ],
      ],
      [
        "enterprises",
        ["企业名称,统一社会信用代码,规上企业", "湖光茶业有限公司,91350100M000100Y43,是", "山景旅游开发有限公司,,否"],
      ],
      [
        "organizations",
        ["名称,层级,成员村,成员企业", "湖滨莲塘茶业联合党支部,联合党支部,湖滨村、莲塘村,湖光茶业有限公司"],
      ],
      [
        "projects",
        [
          "项目名称,类型,状态,村,企业,联合党组织",
          "湖滨茶园流转,土地流转,投产,湖滨村,湖光茶业有限公司,湖滨莲塘茶业联合党支部",
        ],
      ],
      [
        "income",
        [
          "村名,日期,类别,金额（元）,项目,付款企业,凭证号",
          "湖滨村,2023-06-30,发包及上交收入,80000,湖滨茶园流转,湖光茶业有限公司,HB-2023-1",
          "湖滨村,2024-06-30,发包及上交收入,90000,湖滨茶园流转,湖光茶业有限公司,HB-2024-1",
          "湖滨村,2024-12-31,投资收益,30000.50,,湖光茶业有限公司,HB-2024-2",
          "湖滨村,2025-01-01,经营收入,99999,,,HB-2025-1",
          "莲塘村,2024-03-01,经营收入,120000,,,LT-2024-1",
          "莲塘村,2024-03-02,补助收入,50000,,,LT-2024-2",
          "山前村,2024-05-05,补助收入,60000,,,SQ-2024-1",
          "山前村,2023-05-05,经营收入,40000,,山景旅游开发有限公司,SQ-2023-1",
        ],
      ],
    ];
    // the villages file names two townships nobody registered: the preview lists them, with the
    // code their villages' 区划代码 give them, and the commit creates both
    const preview = await importFile("villages", csv(steps[0][1]), { commit: false, actor });
    expect(preview.plan.errors).toEqual([]);
    expect(preview.plan.newTownships).toEqual([
      { name: "东湖镇", code: "330100001" },
      { name: "西山乡", code: "330100002" },
    ]);
    expect(await db.all(sql`SELECT id FROM townships`)).toEqual([]);
    for (const [kind, lines] of steps) {
      const { plan, committed } = await importFile(kind, csv(lines), { commit: true, actor });
      expect(plan.errors, kind).toEqual([]);
      expect(committed, kind).toBe(true);
      expect(plan.create, kind).toBe(lines.length - 1);
    }
    expect(await db.all(sql`SELECT name, code FROM townships ORDER BY code`)).toEqual([
      { name: "东湖镇", code: "330100001" },
      { name: "西山乡", code: "330100002" },
    ]);
    const created = await db.all<{ entity: string; n: number }>(
      sql`SELECT entity, COUNT(*) AS n FROM audit_log WHERE action = 'create' AND entity IN ('township', 'village') GROUP BY entity ORDER BY entity`
    );
    expect(created).toEqual([
      { entity: "township", n: 2 },
      { entity: "village", n: 4 },
    ]);

    const file = await exportFromUrl("summary", "http://x/summary.csv?year=2024", "csv", false);
    // the table, an empty line, and the rules it was added up by with the villages per band
    const [table, notes] = (file.body as string).slice(1).trim().split("\r\n\r\n");
    const [header, ...rows] = table.split("\r\n");
    expect(header).toBe(
      "乡镇,村名,区划代码,年度,经营收入,发包及上交收入,投资收益,补助收入,其他收入,合计,经营性收入,上年合计,同比,排名,薄弱村,分档"
    );
    expect(rows).toEqual([
      // 湖滨村's operating income is 50 fen more than 莲塘村's: it ranks first
      "东湖镇,湖滨村,\t330100001201,2024,0.00,90000.00,30000.50,0.00,0.00,120000.50,120000.50,80000.00,50.0%,1,否,一般村",
      "东湖镇,莲塘村,\t330100001202,2024,120000.00,0.00,0.00,50000.00,0.00,170000.00,120000.00,0.00,,2,否,一般村",
      "西山乡,山前村,\t330100002201,2024,0.00,0.00,0.00,60000.00,0.00,60000.00,0.00,40000.00,50.0%,3,是,空壳村",
      "西山乡,山后村,\t330100002202,2024,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,3,是,空壳村",
    ]);
    expect(notes.split("\r\n")).toEqual([
      '"口径：经营性收入 = 经营收入 + 发包及上交收入 + 投资收益；薄弱村：经营性收入低于 100,000.00 元；分档：空壳村 < 50,000.00 元 ≤ 薄弱村 < 100,000.00 元 ≤ 一般村 < 500,000.00 元 ≤ 富裕村"',
      "按分档：空壳村 2 个，薄弱村 0 个，一般村 2 个，富裕村 0 个",
    ]);
  });
});
