-- Restart commands come from the server's configuration (HEADROOM_RESTART_DRIVERS_FILE), never
-- from an admin's form: a target names a configured driver, and the argv columns go. A target
-- that had a typed command keeps restart_driver = 'command' with no name: its restarts fail in
-- words ("predates server-configured drivers") until an admin picks a configured driver. The
-- old argv stays readable in the audit trail (target.changed), never runnable.
ALTER TABLE "remediation_settings" DROP CONSTRAINT "remediation_settings_driver_configured";
ALTER TABLE "remediation_settings" DROP COLUMN "rolling_command";
ALTER TABLE "remediation_settings" DROP COLUMN "emergency_command";
ALTER TABLE "remediation_settings" ADD COLUMN "command_driver" TEXT
    CONSTRAINT "remediation_settings_command_driver_format" CHECK ("command_driver" ~ '^[a-z0-9][a-z0-9_.-]{0,62}$');
ALTER TABLE "remediation_settings" ADD CONSTRAINT "remediation_settings_driver_configured" CHECK (
    "restart_driver" = 'none'
    OR ("restart_driver" = 'http' AND "restart_hook_url" IS NOT NULL)
    OR "restart_driver" = 'command');
ALTER TABLE "remediation_settings" ADD CONSTRAINT "remediation_settings_command_driver_only_for_commands"
    CHECK ("command_driver" IS NULL OR "restart_driver" = 'command');
