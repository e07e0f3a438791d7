import { count, eq } from "drizzle-orm";
import { generatePassword, hashPassword } from "../app/lib/password.server";
import { getDb, type Db } from "./client";
import { migrateDatabase } from "./migrate";
import { users, villages } from "./schema";
import { seedDemo } from "./seed";

/**
 * Everything a fresh start needs: migrations, the demo township on an empty database (unless
 * SEED_DEMO=0), and an admin account. Returns the admin password when it generated one.
 */
export async function prepareDatabase(db?: Db, log: (line: string) => void = console.log) {
  db ??= await getDb();
  await migrateDatabase(db);
  const [{ n: villageCount }] = await db.select({ n: count() }).from(villages);
  const [{ n: userCount }] = await db.select({ n: count() }).from(users);
  const fresh = villageCount === 0 && userCount === 0;
  if (fresh && process.env.SEED_DEMO !== "0") {
    await seedDemo(db);
    log("已载入示范数据（青杨镇）。Demo township loaded.");
  }
  return ensureAdmin(db, log);
}

async function ensureAdmin(db: Db, log: (line: string) => void): Promise<string | undefined> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, "admin"));
  if (existing) return undefined;
  const generated = process.env.ADMIN_PASSWORD ? undefined : generatePassword();
  const password = process.env.ADMIN_PASSWORD || generated!;
  await db.insert(users).values({
    username: "admin",
    displayName: "系统管理员",
    role: "admin",
    passwordHash: await hashPassword(password),
  });
  if (generated) {
    log("");
    log("  管理员账号已创建 / admin account created");
    log(`  用户名 username: admin    密码 password: ${generated}`);
    log("  （只显示这一次，请妥善保存 / shown this once only）");
    log("");
  } else {
    log("管理员账号已创建（密码取自 ADMIN_PASSWORD）。admin account created from ADMIN_PASSWORD.");
  }
  return generated;
}
