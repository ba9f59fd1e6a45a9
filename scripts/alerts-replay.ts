// Replays a recorded usage series through the alert rules and prints one JSON line
// per state change: `npm run alerts:replay -- <file.json>`. Exit 2 on bad input.
import { readFile } from "node:fs/promises";
import { defaultAlertRules } from "@/lib/alerts/alert-rule-schema";
import { formatIssues, replayInputSchema } from "@/lib/alerts/replay-input-schema";
import { replaySeries } from "@/lib/alerts/replay-series";

const usage = "usage: npm run alerts:replay -- <file.json>";

function fail(message: string): never {
  process.stderr.write(`alerts:replay: ${message}\n`);
  process.exit(2);
}

async function readInput(path: string | undefined): Promise<unknown> {
  if (!path) fail(`missing input file\n${usage}`);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    fail(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const args = process.argv.slice(2).filter((arg) => arg !== "--");
if (args.length > 1) fail(`expected one input file, got ${args.length}\n${usage}`);

const parsed = replayInputSchema.safeParse(await readInput(args[0]));
if (!parsed.success) fail(`invalid input in ${args[0]}:\n${formatIssues({ error: parsed.error })}`);

const { events } = replaySeries({
  samples: parsed.data.samples,
  rules: parsed.data.rules ?? defaultAlertRules,
  evaluationIntervalSeconds: parsed.data.evaluationIntervalSeconds,
});
process.stdout.write(events.map((event) => JSON.stringify(event)).join("\n") + (events.length ? "\n" : ""));
