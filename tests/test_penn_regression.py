"""Accuracy regression on real data: the raw-keypoint model trained on Penn Action and on its short-clip,
small-training-set proxy (CPU, a few minutes each) must clear top-1 floors, so a change that stops the model
learning, or learning from short clips and few samples, fails CI.

Reads the labels from PENN_ACTION_ROOT or ../shared/data/penn_action/labels; skipped where absent."""
import os.path as osp

import pytest

from keypoint_plugin.data import dump_annotations, short_clip_subset
from keypoint_plugin.data.penn_action import convert_penn_action, penn_action_labels_dir
from conftest import ROOT, run_tool

# The full config reaches about 0.98 (README); this shortened run (2 epochs, 1-clip test) sits near 0.9.
PENN_TOP1_FLOOR = 0.80
# The proxy slice below (2 epochs, 1-clip test, all 1068 test clips) measured 86.33, 84.08, 84.83 with seeds 0-2:
# mean 85.08 - 3 std (1.15) = 81.6 (README, Generalization).
PROXY_TOP1_FLOOR = 0.816
ONE_CLIP = ['data.test.pipeline.0.num_clips=1', 'data.test.pipeline.3.double=False']

pytestmark = pytest.mark.skipif(
    penn_action_labels_dir() is None,
    reason='Penn Action labels not found (set PENN_ACTION_ROOT or add ../shared/data/penn_action)')


def _train_and_test(tmp_path, config, options):
    output = run_tool(['train.py', osp.join(ROOT, 'configs', 'raw_kp', config), '--work-dir', tmp_path / 'work',
                       '--seed', '0', '--test-last', '--cfg-options', *options], tmp_path, timeout=1200).output
    return float(output.split('Testing the last checkpoint: top1: ')[1].split(',')[0])


def test_raw_keypoint_model_learns_penn_action(tmp_path):
    dump_annotations(convert_penn_action(penn_action_labels_dir()),
                     str(tmp_path / 'data' / 'penn_action' / 'penn_action.pkl'))
    top1 = _train_and_test(tmp_path, 'penn_action.py', ['total_epochs=2', *ONE_CLIP])
    assert top1 >= PENN_TOP1_FLOOR, f'top-1 {top1:.4f} on Penn Action is below the floor {PENN_TOP1_FLOOR}'


def test_raw_keypoint_model_learns_short_clips_from_few_samples(tmp_path):
    dump_annotations(short_clip_subset(convert_penn_action(penn_action_labels_dir())),
                     str(tmp_path / 'data' / 'penn_action' / 'penn_action_short.pkl'))
    top1 = _train_and_test(tmp_path, 'penn_action_short.py', ['total_epochs=2', *ONE_CLIP])
    assert top1 >= PROXY_TOP1_FLOOR, f'top-1 {top1:.4f} on the proxy is below the floor {PROXY_TOP1_FLOOR}'
