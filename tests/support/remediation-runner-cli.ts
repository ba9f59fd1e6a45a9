// A worker's remediation runner in its own process, so that a test can kill -9 it mid-run.
// Usage: tsx --conditions=react-server tests/support/remediation-runner-cli.ts <workerId> <leaseMs>
import { createRemediationRunner } from "@/lib/remediation/run/create-remediation-runner";

const [workerId, leaseMs] = process.argv.slice(2);
const runner = createRemediationRunner({
  workerId,
  leaseMs: Number(leaseMs),
  context: { demo: false, timeoutMs: 2_000, restartPollMs: 50 },
  log: (line) => console.log(line),
});
console.log("runner ready");
for (;;) {
  await runner.tick().catch((error: Error) => console.error(error.message));
  await new Promise((resolve) => setTimeout(resolve, 100));
}
