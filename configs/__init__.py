"""The bundled configs, installed with the package as ``keypoint_plugin.configs``; find them with
``keypoint_plugin.config_utils.config_path``."""
