/** The target API contract (docs/target-api.md) as zod schemas: the simulator, the client and the tests share these. */
export * from "./common-schemas";
export * from "./monitoring-schemas";
export * from "./agent-schemas";
export * from "./diagnostics-schemas";
export * from "./system-schemas";
export * from "./control-schemas";
