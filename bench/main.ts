// `npm run bench`: one JSON object per line, {"bench": "<name>", ...figures}, all measured in
// this run on a fresh database (embedded PostgreSQL unless BENCH_DATABASE_URL is set).
import { openBenchDatabase } from "@/bench/bench-database";

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

const database = await openBenchDatabase();
process.env.DATABASE_URL = database.url;
// Imported after DATABASE_URL is set: lib/db reads it on first use.
const { db } = await import("@/lib/db");
const { benchIngest } = await import("@/bench/bench-ingest");
const { benchSeriesAndPage } = await import("@/bench/bench-series");
const { benchCollect } = await import("@/bench/bench-collect");
const print = (result: object) => console.log(JSON.stringify(result));
try {
  if (wanted("ingest")) print(await benchIngest(database.url));
  if (wanted("series") || wanted("page")) for (const result of await benchSeriesAndPage(database.url)) print(result);
  if (wanted("collect")) print(await benchCollect());
} finally {
  await db.$disconnect();
  await database.close();
}
