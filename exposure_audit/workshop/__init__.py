"""Workshop tools: the room's picture from count-only summaries, and a printable checklist handout."""
