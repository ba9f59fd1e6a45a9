"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Refusal } from "@/lib/actions/action-result";
import { defineAction, formAction } from "@/lib/actions/define-action";
import { incidentById } from "@/lib/actions/record-loaders";
import { recordIdSchema } from "@/lib/record-id";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { addIncidentNote, MAX_NOTE_LENGTH } from "@/lib/incidents/add-incident-note";
import { assignIncidentLead } from "@/lib/incidents/assign-incident-lead";

const incidentId = recordIdSchema("incidentId");

function revalidateIncident(record: { id: number; targetSlug: string }) {
  revalidatePath(`/incidents/${record.id}`);
  revalidatePath("/incidents");
  revalidatePath(`/targets/${record.targetSlug}`);
}

/** A responder takes the incident (from the overview card, the target's summary or the incident page). */
export const acknowledgeIncidentAction: (input: unknown) => Promise<{ ok: true; message: string } | Refusal> = defineAction({
  audit: "incident.acknowledged",
  input: z.object({ incidentId }),
  permission: "respond:incident",
  record: incidentById,
  run: async ({ user, record, meta }) => {
    await acknowledgeIncident({ incidentId: record.id, actor: user, meta });
    revalidateIncident(record);
    return { ok: true as const, message: `Incident #${record.id} acknowledged: it is yours.` };
  },
});

export const addIncidentNoteAction = formAction({
  audit: "incident.note_added",
  input: z.object({ incidentId, text: z.string().trim().min(1, { error: "write the note" }).max(MAX_NOTE_LENGTH) }),
  permission: "respond:incident",
  record: incidentById,
  run: async ({ input, user, record, meta }) => {
    await addIncidentNote({ incidentId: record.id, text: input.text, actor: user, meta });
    revalidateIncident(record);
    return "Note added to the timeline.";
  },
});

export const assignIncidentLeadAction = formAction({
  audit: "incident.lead_assigned",
  input: z.object({ incidentId, leadUserId: recordIdSchema("leadUserId") }),
  permission: "assign:incident",
  record: incidentById,
  run: async ({ input, user, record, meta }) => {
    const { leadLabel } = await assignIncidentLead({ incidentId: record.id, leadUserId: input.leadUserId, actor: user, meta });
    revalidateIncident(record);
    return `${leadLabel} leads incident #${record.id}.`;
  },
});
