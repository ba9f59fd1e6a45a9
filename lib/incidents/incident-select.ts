// Prisma selects shared by the incident reads, so the columns incidentStateOf needs are asked for once.

/** The columns incidentStateOf reads. */
export const incidentStateSelect = { status: true, acknowledgedAt: true, mitigatedAt: true, reviewedAt: true } as const;

/** An incident's heading as the list and the detail page show it. */
export const incidentHeadSelect = {
  id: true,
  title: true,
  severity: true,
  openedAt: true,
  resolvedAt: true,
  acknowledgedByLabel: true,
  ...incidentStateSelect,
} as const;
