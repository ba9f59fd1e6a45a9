import { parseCliOptions, usage } from "./cli-options";
import { startTargetServer } from "./server";

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error && error.message.includes("Usage") ? error.message : `${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  const server = await startTargetServer({ ...options, log: (line) => console.error(`[target] ${line}`) });
  console.log(
    `FreeAgentics demo target (scenario ${options.scenario}, seed ${options.seed}, speed ${options.speed}x) listening on ${server.url}`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: Error) => {
  console.error(`demo target failed to start: ${error.message}`);
  process.exit(1);
});
