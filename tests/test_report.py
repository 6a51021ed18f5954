import json
import os.path as osp
import runpy

import matplotlib.image
import mmcv
import numpy as np
import pytest

from conftest import run_tool
from keypoint_plugin.datasets import config_test_labels, load_pose_annotations
from keypoint_plugin.evaluation import classification_metrics, plot_confusion, read_label_map
from keypoint_plugin.host import build_dataset

TOOL = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'tools', 'analyze_results.py')
CLASSES = ['wave', 'clap', 'jump', 'sit', 'stand', 'kick']
# 'kick' (5) is absent from the test split.
TEST_LABELS = [0, 0, 1, 1, 2, 3, 3, 4, 4, 0]
TRAIN_LABELS = [5, 1, 2]


def write_annotations(path, test_labels=TEST_LABELS, classes=CLASSES):
    """A pyskl pickle whose train and test samples interleave, so the test order depends on the split."""
    samples, split = [], dict(train=[], test=[])
    for i, label in enumerate(test_labels):
        for name, lab in [('test', label)] + ([('train', TRAIN_LABELS[i])] if i < len(TRAIN_LABELS) else []):
            frame_dir = f'{name}_{i}'
            split[name].append(frame_dir)
            samples.append(dict(frame_dir=frame_dir, label=lab, total_frames=4, img_shape=(64, 64),
                                original_shape=(64, 64), keypoint=np.zeros((1, 4, 17, 2), np.float32),
                                keypoint_score=np.ones((1, 4, 17), np.float32)))
    data = dict(split=split, annotations=samples)
    if classes is not None:
        data['classes'] = classes
    mmcv.dump(data, str(path))
    return str(path)


def write_config(tmp_path, ann_file):
    config = tmp_path / 'tiny_config.py'
    config.write_text(f"data = dict(test=dict(type='KeypointPoseDataset', ann_file={ann_file!r}, split='test', "
                      'pipeline=[]))\n')
    return str(config)


def write_scores(path, num_classes=len(CLASSES), num_samples=len(TEST_LABELS), seed=0):
    scores = list(np.random.default_rng(seed).random((num_samples, num_classes), dtype=np.float32))
    mmcv.dump(scores, str(path))
    return scores


def load_tool():
    return runpy.run_path(TOOL, run_name='analyze_results')['main']


def test_analyze_results_tool_writes_reports(tmp_path):
    config = write_config(tmp_path, write_annotations(tmp_path / 'ann.pkl'))
    raw = write_scores(tmp_path / 'raw.pkl', seed=0)
    write_scores(tmp_path / 'gray.pkl', seed=1)
    out_dir = tmp_path / 'reports'
    proc = run_tool([TOOL, tmp_path / 'raw.pkl', tmp_path / 'gray.pkl', '--config', config, '--out-dir', out_dir])
    assert 'raw: top1' in proc.stdout

    report = json.loads((out_dir / 'raw.json').read_text())
    expected = classification_metrics(raw, TEST_LABELS, class_names=CLASSES)
    for key in ('top1', 'top5', 'mean_class_accuracy', 'precision_macro', 'recall_macro', 'f1_macro',
                'f1_weighted', 'precision_weighted', 'recall_weighted'):
        assert report[key] == pytest.approx(expected[key])
        assert 0 <= report[key] <= 1
    assert report['confusion_matrix'] == expected['confusion_matrix']
    assert np.sum(report['confusion_matrix'], axis=1).tolist() == [3, 2, 1, 2, 2, 0]
    assert report['absent_classes'] == ['kick']
    kick = report['per_class'][5]
    assert kick == dict(index=5, name='kick', precision=None, recall=None, f1=None, support=0)
    assert [row['name'] for row in report['per_class']] == CLASSES
    assert report['confused_pairs'] and {'truth', 'predicted', 'count', 'fraction'} <= set(report['confused_pairs'][0])

    markdown = (out_dir / 'raw.md').read_text()
    assert '| 5 | kick | — | — | — | 0 |' in markdown
    assert 'raw_confusion.png' in markdown and 'Most confused pairs' in markdown
    image = matplotlib.image.imread(str(out_dir / 'raw_confusion.png'))
    assert image.ndim == 3 and min(image.shape[:2]) >= 300
    assert (out_dir / 'gray.json').exists() and (out_dir / 'gray_confusion.png').exists()
    comparison = (out_dir / 'comparison.md').read_text()
    assert '| metric (%) | raw | gray |' in comparison
    assert f"| f1_macro | {100 * expected['f1_macro']:.2f} |" in comparison
    assert '| 0 | wave |' in comparison


def test_class_names_default_and_label_map(tmp_path):
    ann_file = write_annotations(tmp_path / 'ann.pkl', classes=None)
    config = write_config(tmp_path, ann_file)
    write_scores(tmp_path / 'raw.pkl')
    main = load_tool()
    main([str(tmp_path / 'raw.pkl'), '--config', config, '--out-dir', str(tmp_path / 'default')])
    report = json.loads((tmp_path / 'default' / 'raw.json').read_text())
    assert report['class_names'] == [f'class_{i}' for i in range(6)]
    assert 'top5' in report

    label_map = tmp_path / 'label_map.txt'
    label_map.write_text('\n'.join(name.upper() for name in CLASSES) + '\n\n')
    main([str(tmp_path / 'raw.pkl'), '--config', config, '--out-dir', str(tmp_path / 'mapped'),
          '--label-map', str(label_map)])
    report = json.loads((tmp_path / 'mapped' / 'raw.json').read_text())
    assert report['absent_classes'] == ['KICK']


def test_tool_rejects_mismatched_scores(tmp_path):
    config = write_config(tmp_path, write_annotations(tmp_path / 'ann.pkl'))
    main = load_tool()
    write_scores(tmp_path / 'short.pkl', num_samples=len(TEST_LABELS) - 1)
    with pytest.raises(ValueError, match='short: scores and labels differ in length: 9 score vectors'):
        main([str(tmp_path / 'short.pkl'), '--config', config, '--out-dir', str(tmp_path / 'out')])
    write_scores(tmp_path / 'narrow.pkl', num_classes=4)
    with pytest.raises(ValueError, match='label 4 of sample 7 is outside the class range'):
        main([str(tmp_path / 'narrow.pkl'), '--config', config, '--out-dir', str(tmp_path / 'out')])
    mmcv.dump([], str(tmp_path / 'empty.pkl'))
    with pytest.raises(ValueError, match='empty'):
        main([str(tmp_path / 'empty.pkl'), '--config', config, '--out-dir', str(tmp_path / 'out')])
    mmcv.dump({'scores': 1}, str(tmp_path / 'dict.pkl'))
    with pytest.raises(ValueError, match='expected a list of per-sample score arrays, got dict'):
        main([str(tmp_path / 'dict.pkl'), '--config', config, '--out-dir', str(tmp_path / 'out')])


def test_confusion_plot_scales_with_class_count():
    small = plot_confusion(np.diag([3, 1, 0, 2, 5]) + 1, list('abcde'))
    large = plot_confusion(np.random.default_rng(0).integers(0, 5, (60, 60)), [f'action {i}' for i in range(60)])
    assert len(small.axes[0].texts) == 25
    assert len(large.axes[0].texts) == 0
    assert large.get_size_inches()[0] > 2 * small.get_size_inches()[0]
    assert large.axes[0].get_xticklabels()[0].get_fontsize() < small.axes[0].get_xticklabels()[0].get_fontsize()
    rates = small.axes[0].images[0].get_array()
    np.testing.assert_allclose(rates.sum(axis=1), 1)
    assert rates[0, 0] == pytest.approx(4 / 8)


def test_read_label_map_rejects_blank_lines(tmp_path):
    path = tmp_path / 'map.txt'
    path.write_text('a\n\nb\n')
    with pytest.raises(ValueError, match='line 2 is empty'):
        read_label_map(str(path))
    path.write_text('a\nb\n\n')
    assert read_label_map(str(path)) == ['a', 'b']


def test_load_pose_annotations(tmp_path):
    ann_file = write_annotations(tmp_path / 'ann.pkl')
    samples, classes = load_pose_annotations(ann_file, 'test')
    assert [s['label'] for s in samples] == TEST_LABELS and classes == CLASSES
    assert len(load_pose_annotations(ann_file)[0]) == len(TEST_LABELS) + len(TRAIN_LABELS)
    samples, _ = load_pose_annotations(ann_file, 'train', data_prefix='/data')
    assert samples[0]['frame_dir'] == '/data/train_0'
    with pytest.raises(KeyError, match="split 'val' is not in"):
        load_pose_annotations(ann_file, 'val')
    mmcv.dump(samples, str(tmp_path / 'list.pkl'))
    assert load_pose_annotations(str(tmp_path / 'list.pkl'))[1] is None
    labels, names = config_test_labels(write_config(tmp_path, ann_file))
    assert labels.tolist() == TEST_LABELS and names == CLASSES


def build_test_dataset(ann_file):
    return build_dataset(dict(type='KeypointPoseDataset', ann_file=ann_file, split='test', pipeline=[],
                              test_mode=True))


def test_dataset_evaluate_through_host(tmp_path, capsys):
    dataset = build_test_dataset(write_annotations(tmp_path / 'ann.pkl'))
    assert type(dataset).__name__ == 'KeypointPoseDataset'
    assert dataset.class_names == CLASSES
    assert [info['label'] for info in dataset.video_infos] == TEST_LABELS
    scores = write_scores(tmp_path / 'raw.pkl')
    expected = classification_metrics(scores, TEST_LABELS, class_names=CLASSES)

    results = dataset.evaluate(scores, metrics=['top1', 'f1_macro', 'top_k_accuracy', 'per_class',
                                                'confusion_matrix', 'top5', 'recall_weighted'])
    assert list(results) == ['top1', 'f1_macro', 'top1_acc', 'top5_acc', 'top5', 'recall_weighted']
    assert all(isinstance(value, float) for key, value in results.items() if not key.endswith('_acc'))
    assert results['f1_macro'] == pytest.approx(expected['f1_macro'])
    assert results['recall_weighted'] == pytest.approx(expected['recall_weighted'])
    assert results['top1'] == pytest.approx(results['top1_acc'])
    assert results['top5'] == pytest.approx(results['top5_acc'])
    logged = capsys.readouterr().out
    assert '| 5 | kick | — | — | — | 0 |' in logged
    assert 'Confusion matrix' in logged and '0 wave' in logged

    # The host's mean class accuracy agrees with ours when every predicted class is in the test set.
    confident = list(np.eye(6)[TEST_LABELS[:-1] + [1]])
    both = dataset.evaluate(confident, metrics='mean_class_accuracy')
    assert both['mean_class_accuracy'] == pytest.approx(
        classification_metrics(confident, TEST_LABELS)['mean_class_accuracy'])


def test_dataset_evaluate_names_unknown_metrics_and_mismatched_or_non_finite_scores(tmp_path):
    dataset = build_test_dataset(write_annotations(tmp_path / 'ann.pkl'))
    scores = write_scores(tmp_path / 'raw.pkl')
    with pytest.raises(KeyError, match=r"unknown metric\(s\) \['f2'\]; known metrics: .*'f1_macro'"):
        dataset.evaluate(scores, metrics=['top1', 'f2'])
    with pytest.raises(ValueError, match='9 results for a dataset of 10 samples'):
        dataset.evaluate(scores[:-1], metrics=['top1'])
    with pytest.raises(ValueError, match='6 class names for scores with 7 classes'):
        dataset.evaluate([np.append(s, 0) for s in scores], metrics=['f1_macro'])
    nan_scores = [s.copy() for s in scores]
    nan_scores[3][2] = np.nan
    with pytest.raises(ValueError, match='non-finite .* sample 3'):
        dataset.evaluate(nan_scores, metrics='f1_macro')

    small = build_test_dataset(write_annotations(tmp_path / 'small.pkl', test_labels=[0, 1, 2, 1], classes=None))
    assert small.class_names is None
    with pytest.raises(ValueError, match="'top5' needs at least 5 classes, the scores have 3"):
        small.evaluate(list(np.eye(3)[[0, 1, 2, 1]]), metrics=['top1', 'top5'])
