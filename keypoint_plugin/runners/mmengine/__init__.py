"""Runner code of MMAction2 1.x (mmengine)."""
