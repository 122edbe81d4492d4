"""Pure coaching decisions: which step next, reflections, safety checks, review statistics."""
