import type { ComponentKey } from "./pick-growing-component";

/** The components as pages name them. */
export const COMPONENT_LABELS: Record<ComponentKey, string> = {
  api_service: "API service",
  agent_system: "Agent system",
  database: "Database",
  cache: "Cache",
  redis: "Redis",
};
