"""Platform-neutral chat contracts: reply models, alert cards, command specs and ports."""
