-- Effects attribution (docs/decisions/0014-effect-attribution.md): actions whose measurement
-- windows overlap are measured together, once; per action only what can be told apart is kept.
-- The figures are stored so that reviews and cross-incident views count confounded effects apart.
ALTER TABLE "remediation_actions"
    -- The first action of the measurement group (its own id when measured alone).
    ADD COLUMN "effect_group_id"      INTEGER,
    ADD COLUMN "effect_confounded"    BOOLEAN NOT NULL DEFAULT false,
    -- The group's other members; the group's combined figures are in memory_after_*/growth_after_*.
    ADD COLUMN "effect_measured_with" INTEGER[] NOT NULL DEFAULT '{}',
    -- The restart that ended this action's window before its 5 minutes were up.
    ADD COLUMN "effect_cut_by_id"     INTEGER,
    -- Memory change from just before it to the last sample before the next action (or its window's end).
    ADD COLUMN "attributed_change_mb" DOUBLE PRECISION,
    ADD COLUMN "attributed_until"     TIMESTAMPTZ(3),
    ADD COLUMN "attributed_next_id"   INTEGER;

CREATE INDEX "remediation_actions_effect_group_idx" ON "remediation_actions"("effect_group_id") WHERE "effect_group_id" IS NOT NULL;
