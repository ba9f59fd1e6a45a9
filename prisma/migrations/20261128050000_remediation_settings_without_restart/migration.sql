-- A target may have a Redis to clean without any restart driver: allow restart_driver 'none'.
ALTER TABLE "remediation_settings" DROP CONSTRAINT "remediation_settings_restart_driver_check";
ALTER TABLE "remediation_settings" ADD CONSTRAINT "remediation_settings_restart_driver_check"
    CHECK ("restart_driver" IN ('none', 'http', 'command'));
ALTER TABLE "remediation_settings" DROP CONSTRAINT "remediation_settings_driver_configured";
ALTER TABLE "remediation_settings" ADD CONSTRAINT "remediation_settings_driver_configured" CHECK (
    "restart_driver" = 'none'
    OR ("restart_driver" = 'http' AND "restart_hook_url" IS NOT NULL)
    OR ("restart_driver" = 'command' AND "rolling_command" IS NOT NULL AND "emergency_command" IS NOT NULL));
