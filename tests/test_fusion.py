import json
import os.path as osp
import runpy

import mmcv
import numpy as np
import pytest

from conftest import run_tool
from keypoint_plugin.evaluation import classification_metrics, fuse_scores
from keypoint_plugin.evaluation.report import score_names

TOOL = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'tools', 'fuse_scores.py')
LABELS = [0, 1, 2, 2]
# Model a gets samples 0 and 2 right, model b samples 1 and 3; their fusion depends on the weights.
A = np.array([[0.8, 0.1, 0.1], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.5, 0.2, 0.3]], np.float32)
B = np.array([[0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.5, 0.2, 0.3], [0.1, 0.2, 0.7]], np.float32)


def test_weighted_mean():
    fused = fuse_scores([list(A), list(B)], [1, 3])
    np.testing.assert_allclose(fused, 0.25 * A + 0.75 * B, rtol=1e-6)
    # Only the ratio of the weights matters, and fused probabilities still sum to 1.
    np.testing.assert_allclose(fuse_scores([A, B], [2, 6]), fused)
    np.testing.assert_allclose(fused.sum(axis=1), 1, rtol=1e-6)
    np.testing.assert_allclose(fuse_scores([A, B], [0, 1]), B, rtol=1e-6)
    np.testing.assert_allclose(fuse_scores([A], [5]), A, rtol=1e-6)


def test_fusion_changes_predictions_as_computed_by_hand():
    # Equal weights: sample 1 -> [0.35, 0.55, 0.1] (class 1), sample 2 -> [0.3, 0.15, 0.55] (class 2).
    fused = fuse_scores([A, B], [1, 1])
    assert fused.argmax(axis=1).tolist() == [0, 1, 2, 2]
    assert classification_metrics(fused, LABELS)['top1'] == 1.0
    assert classification_metrics(A, LABELS)['top1'] == 0.5


@pytest.mark.parametrize('sets, weights, message', [
    ([A, B[:3]], [1, 1], r'same samples and classes \(score set 0: 4 samples x 3 classes, score set 1: 3 samples'),
    ([A, B[:, :2]], [1, 1], 'score set 1: 4 samples x 2 classes'),
    ([A, B], [1], r'1 weight\(s\) \[1.0\] for 2 score sets'),
    ([A, B], [1, 1, 1], r'3 weight\(s\)'),
    ([A, B], [1, -0.5], r'non-negative, got \[1.0, -0.5\]'),
    ([A, B], [1, np.nan], 'finite'),
    ([A, B], [0, 0], 'all zero'),
    ([A, np.where(B > 0.75, np.nan, B)], [1, 1], r'score set 1: non-finite \(NaN or inf\) scores'),
    ([A, np.where(B > 0.75, np.inf, B)], [1, 1], r'score set 1: non-finite'),
    ([A, np.where(B > 0.75, -np.inf, B)], [1, 1], r'score set 1: non-finite'),
    ([A, []], [1, 1], 'score set 1: no samples'),
    ([], [], 'no score sets'),
])
def test_bad_score_sets_and_weights_are_refused(sets, weights, message):
    with pytest.raises(ValueError, match=message):
        fuse_scores(sets, weights)


def test_score_sets_of_different_shapes_are_named_by_file():
    with pytest.raises(ValueError, match='raw.pkl: 4 samples x 3 classes, gray.pkl: 3 samples x 3 classes'):
        fuse_scores([A, B[:3]], [1, 1], names=['raw.pkl', 'gray.pkl'])


def write_dataset(tmp_path):
    samples = [dict(frame_dir=f's{i}', label=label, total_frames=1, keypoint=np.zeros((1, 1, 17, 2), np.float32))
               for i, label in enumerate(LABELS)]
    ann_file = str(tmp_path / 'ann.pkl')
    mmcv.dump(dict(split=dict(test=[s['frame_dir'] for s in samples]), annotations=samples,
                   classes=['stand', 'sit', 'fall']), ann_file)
    config = tmp_path / 'config.py'
    config.write_text(f"data = dict(test=dict(type='KeypointPoseDataset', ann_file={ann_file!r}, split='test', "
                      'pipeline=[]))\n')
    return str(config)


def test_tool_writes_fused_scores_and_reports(tmp_path):
    mmcv.dump(list(A), str(tmp_path / 'raw.pkl'))
    mmcv.dump(list(B), str(tmp_path / 'gray.pkl'))
    out = tmp_path / 'fused.pkl'
    run_tool([TOOL, tmp_path / 'raw.pkl', tmp_path / 'gray.pkl', '--weights', '1', '3', '--out', out, '--config',
              write_dataset(tmp_path), '--out-dir', tmp_path / 'reports'])

    fused = mmcv.load(str(out))
    assert isinstance(fused, list) and len(fused) == len(LABELS)
    assert all(isinstance(row, np.ndarray) and row.shape == (3,) and row.dtype == np.float32 for row in fused)
    np.testing.assert_allclose(np.stack(fused), 0.25 * A + 0.75 * B, rtol=1e-6)

    report = json.loads((tmp_path / 'reports' / 'fused.json').read_text())
    assert report['top1'] == pytest.approx(classification_metrics(fused, LABELS)['top1'])
    assert [row['name'] for row in report['per_class']] == ['stand', 'sit', 'fall']
    for name in ('raw', 'gray', 'fused'):
        assert (tmp_path / 'reports' / f'{name}_confusion.png').exists()
    assert '| metric (%) | raw | gray | fused |' in (tmp_path / 'reports' / 'comparison.md').read_text()


def test_tool_refuses_unmatched_files_overwriting_an_input_and_a_missing_config(tmp_path):
    main = runpy.run_path(TOOL, run_name='fuse_scores')['main']
    mmcv.dump(list(A), str(tmp_path / 'raw.pkl'))
    mmcv.dump(list(B[:3]), str(tmp_path / 'gray.pkl'))
    files = [str(tmp_path / 'raw.pkl'), str(tmp_path / 'gray.pkl')]
    with pytest.raises(ValueError, match='do not cover the same samples'):
        main(files + ['--weights', '1', '1', '--out', str(tmp_path / 'fused.pkl')])
    assert not (tmp_path / 'fused.pkl').exists()
    with pytest.raises(ValueError, match='would overwrite an input'):
        main(files + ['--weights', '1', '1', '--out', files[0]])
    with pytest.raises(SystemExit):
        main(files + ['--weights', '1', '1', '--out', str(tmp_path / 'fused.pkl'), '--config', 'c.py'])


def test_tool_fuses_files_of_one_name_from_different_folders(tmp_path):
    main = runpy.run_path(TOOL, run_name='fuse_scores')['main']
    for stream, scores in (('joint', A), ('bone', B)):
        (tmp_path / stream).mkdir()
        mmcv.dump(list(scores), str(tmp_path / stream / 'scores_multiclip.pkl'))
    files = [str(tmp_path / stream / 'scores_multiclip.pkl') for stream in ('joint', 'bone')]
    main(files + ['--weights', '1', '1', '--out', str(tmp_path / 'fused.pkl')])
    np.testing.assert_allclose(np.stack(mmcv.load(str(tmp_path / 'fused.pkl'))), (A + B) / 2, rtol=1e-6)
    assert score_names(files) == ['joint_scores_multiclip', 'bone_scores_multiclip']
    with pytest.raises(ValueError, match='given twice'):
        score_names(files + files[:1])
