from .dist import build_dataloader, init_dist_from_env, set_random_seed, wrap_model
from .test import test_model
from .train import get_root_logger, train_model

__all__ = ['build_dataloader', 'init_dist_from_env', 'set_random_seed', 'wrap_model', 'test_model',
           'get_root_logger', 'train_model']
