"""Training, testing and inference on top of the host's builders and mmcv's runner."""
from .checkpoint import find_resume_checkpoint
from .dist import build_dataloader, init_dist_from_env, wrap_model
from .inference import NO_SKELETON, inference_recognizer, init_recognizer, skeleton_sample
from .streaming import StreamingRecognizer
from .test import test_model
from .train import get_root_logger, train_model

__all__ = [
    'find_resume_checkpoint', 'build_dataloader', 'init_dist_from_env', 'wrap_model',
    'init_recognizer', 'inference_recognizer', 'NO_SKELETON', 'skeleton_sample', 'StreamingRecognizer',
    'test_model', 'get_root_logger', 'train_model'
]
