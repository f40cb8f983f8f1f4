# kiosk/module.mk (placeholder in core-export; the lead's own replaces it).
-include kiosk/core_export.mk
