-- What worked, across incidents (issue 14; docs/decisions/0025-action-diagnosis-and-insights.md).
-- The diagnosis the target page showed when an action was requested: insights group actions by
-- it. It is computed from the metrics of that moment, which retention later thins to rollups, so
-- it is recorded then rather than recomputed. Actions requested before this column existed keep
-- NULL and are shown as "diagnosis not recorded".

ALTER TABLE "remediation_actions"
    ADD COLUMN "diagnosis_pattern" TEXT CHECK ("diagnosis_pattern" IN ('gradual', 'spike', 'flat', 'insufficient_data')),
    -- lib/diagnosis/pick-growing-component.ts componentKeys; NULL when no component stood out
    ADD COLUMN "diagnosis_component" TEXT;
