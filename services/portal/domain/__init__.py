"""Who may do what at the portal: pure, no I/O."""
