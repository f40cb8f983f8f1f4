# Placeholder until card-data's module.mk is merged (card-data owns this file).
-include drivers/card/access.mk
