"""Runner code of the mmcv 1.x hosts (pyskl, MMAction2 0.x)."""
