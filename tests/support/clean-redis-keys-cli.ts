// Runs one Redis cleanup in its own process and prints the result as JSON (or the error, exit 1).
// The TLS test needs it: Node reads NODE_EXTRA_CA_CERTS, how an operator trusts a private CA,
// only when a process starts.
import { cleanRedisKeys } from "@/lib/remediation/drivers/clean-redis-keys";

const [url, pattern] = process.argv.slice(2);
cleanRedisKeys({ url, pattern, batchSize: 100, timeoutMs: 5_000 }).then(
  (cleanup) => console.log(JSON.stringify(cleanup)),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
