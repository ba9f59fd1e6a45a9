-- Any number of notification channels, per target or global (docs/decisions/0020-notification-channels.md).
-- Each delivery belongs to one channel; deliveries stay ordered per (target, channel), so a broken
-- channel holds back only its own queue. The per-target webhook becomes that target's first channel.

CREATE TABLE "notification_channels" (
    "id" SERIAL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'webhook' CHECK ("kind" IN ('webhook')),
    "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 100),
    "url" TEXT NOT NULL CHECK ("url" ~ '^https?://'),
    -- NULL: global, every target's events.
    "target_id" INTEGER REFERENCES "targets"("id") ON DELETE CASCADE,
    "events" TEXT[] NOT NULL,
    -- Alertmanager's repeat_interval: how often an unacknowledged incident is announced again.
    "repeat_interval_seconds" INTEGER NOT NULL DEFAULT 14400 CHECK ("repeat_interval_seconds" >= 10),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_email" TEXT NOT NULL,
    CONSTRAINT "notification_channels_events_known" CHECK ("events" <@ ARRAY['firing', 'severity_change', 'no_data', 'resolved', 'acknowledged', 'approval_waiting', 'renotify']::TEXT[])
);
CREATE INDEX "notification_channels_target_id_idx" ON "notification_channels"("target_id");

INSERT INTO "notification_channels" ("kind", "name", "url", "target_id", "events", "created_at", "updated_at", "updated_by_email")
SELECT 'webhook', 'Webhook', "url", "target_id",
       ARRAY['firing', 'severity_change', 'no_data', 'resolved', 'acknowledged', 'approval_waiting', 'renotify'],
       "updated_at", "updated_at", "updated_by_email"
FROM "target_webhooks";

ALTER TABLE "notifications"
    ADD COLUMN "channel_id" INTEGER REFERENCES "notification_channels"("id") ON DELETE SET NULL,
    DROP CONSTRAINT "notifications_kind_check",
    ADD CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('firing', 'severity_change', 'no_data', 'resolved', 'acknowledged', 'approval_waiting', 'renotify'));
-- Deliveries still waiting go to the channel their webhook became.
UPDATE "notifications" n SET "channel_id" = c."id"
FROM "notification_channels" c WHERE c."target_id" = n."target_id" AND n."status" = 'pending';
CREATE INDEX "notifications_channel_incident_idx" ON "notifications"("channel_id", "incident_id", "created_at" DESC);

DROP TABLE "target_webhooks";
