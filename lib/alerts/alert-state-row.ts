import { alertStateSchema, type AlertState } from "./alert-state";

/** An `alert_states` row as Prisma returns it. */
export type AlertStateRow = {
  ruleName: string;
  status: string;
  activeAt: Date | null;
  firedAt: Date | null;
  resolvedAt: Date | null;
  keepFiringSince: Date | null;
  noDataSince: Date | null;
};

const ms = (date: Date | null) => (date === null ? undefined : date.getTime());
const date = (epochMs: number | undefined) => (epochMs === undefined ? null : new Date(epochMs));

/** Parsed with the state machine's own schema, so a corrupted row fails loudly instead of misfiring. */
export function stateFromRow(row: AlertStateRow): AlertState {
  const raw = {
    status: row.status,
    activeAt: row.activeAt?.getTime() ?? null,
    firedAt: ms(row.firedAt),
    resolvedAt: ms(row.resolvedAt),
    keepFiringSince: ms(row.keepFiringSince),
    noDataSince: ms(row.noDataSince),
  };
  return alertStateSchema.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
}

export function rowFromState(state: AlertState): Omit<AlertStateRow, "ruleName"> {
  return {
    status: state.status,
    activeAt: state.activeAt === null ? null : new Date(state.activeAt),
    firedAt: date(state.firedAt),
    resolvedAt: date(state.resolvedAt),
    keepFiringSince: date(state.keepFiringSince),
    noDataSince: date(state.noDataSince),
  };
}

export function sameState(a: AlertState | undefined, b: AlertState): boolean {
  if (!a) return false;
  const keys = ["status", "activeAt", "firedAt", "resolvedAt", "keepFiringSince", "noDataSince"] as const;
  return keys.every((key) => a[key] === b[key]);
}
