"""The repository's tools and APIs with MMAction2 1.x configs and checkpoints: tools/train.py and tools/test.py
with 1.x's arguments, ``--dump`` files read by analyze_results / fuse_scores, compare_variants, inference and
streaming, demo, export_onnx, the cost counter and the benchmark.

Runs in the mmaction1x environment (tools/run_tests.sh); skipped where another host is installed.
"""
import json
import os.path as osp
import re
import shutil

import numpy as np
import pytest

from conftest import ROOT, run_tool, write_synthetic_data
from keypoint_plugin.host import HOST

pytestmark = [pytest.mark.mmaction1x,
              pytest.mark.skipif(HOST != 'mmaction1x', reason='needs the MMAction2 1.x host (mmaction1x stack)')]

CONFIG = osp.join(ROOT, 'configs', 'mmaction1x', 'raw_kp', 'synthetic.py')
NO_WORKERS = [f'{split}_dataloader.{key}={value}' for split in ('train', 'val', 'test')
              for key, value in (('num_workers', 0), ('persistent_workers', False))]


def _logged(output, key):
    """The value of ``key`` in mmengine's last ``Epoch(test)`` line."""
    return float(re.findall(rf'{re.escape(key)}: ([0-9.]+)', output)[-1])


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    """Raw keypoints trained 1 epoch on demo data (6 classes x 2 test samples) and tested through tools/train.py and
    tools/test.py with 1.x's arguments (``--dump``); the folder holds data/synthetic/synthetic.pkl."""
    path = tmp_path_factory.mktemp('mmaction1x_tools')
    data = write_synthetic_data(path, train_per_class=2, test_per_class=2, num_person=2, seed=2)
    work_dir = str(path / 'raw_kp')
    run_tool(['train.py', CONFIG, '--work-dir', work_dir, '--seed', '0', '--cfg-options', 'train_cfg.max_epochs=1',
              'train_dataloader.batch_size=4', *NO_WORKERS], path)
    checkpoint = osp.join(work_dir, 'epoch_1.pth')
    dump = osp.join(work_dir, 'scores.pkl')
    output = run_tool(['test.py', CONFIG, checkpoint, '--work-dir', work_dir, '--dump', dump, '--cfg-options',
                       *NO_WORKERS], path).output
    test = [sample for sample in data['annotations'] if sample['frame_dir'] in data['split']['test']]
    return dict(path=path, checkpoint=checkpoint, dump=dump, output=output, test=test)


def test_analyze_results_and_fuse_scores_read_dump_files(trained):
    from keypoint_plugin.evaluation import load_scores

    path, dump = trained['path'], trained['dump']
    run_tool(['analyze_results.py', dump, '--config', CONFIG, '--out-dir', 'reports'], path)
    with open(path / 'reports' / 'scores.json') as f:
        report = json.load(f)
    # The same predictions as the test run's own metrics (mmengine's AccMetric and our KeypointMetric).
    assert report['top1'] == pytest.approx(_logged(trained['output'], 'acc/top1'), abs=1e-4)
    assert report['f1_macro'] == pytest.approx(_logged(trained['output'], 'keypoint/f1_macro'), abs=1e-4)
    assert osp.getsize(path / 'reports' / 'scores_confusion.png') > 0

    shutil.copy(dump, path / 'copy.pkl')
    run_tool(['fuse_scores.py', dump, 'copy.pkl', '--weights', '1', '1', '--out', 'fused.pkl', '--config', CONFIG,
              '--out-dir', 'fused_reports'], path)
    np.testing.assert_allclose(load_scores(str(path / 'fused.pkl')), load_scores(dump), atol=1e-6)


def test_inference_gives_the_test_runs_scores(trained):
    from keypoint_plugin.apis import StreamingRecognizer, inference_recognizer, init_recognizer
    from keypoint_plugin.data.synthetic import class_names
    from keypoint_plugin.evaluation import load_scores

    model = init_recognizer(CONFIG, trained['checkpoint'], device='cpu')
    assert model.class_names == list(class_names(6, 2))  # from the checkpoint's dataset_meta
    dumped = load_scores(trained['dump'])
    for sample, expected in zip(trained['test'], dumped):
        result = inference_recognizer(model, sample, topk=6)
        scores = np.zeros(6)
        scores[[label for label, _, _ in result]] = [score for _, _, score in result]
        np.testing.assert_allclose(scores, expected, atol=1e-5)

    sample = trained['test'][0]
    stream = StreamingRecognizer(model, window=20, stride=8, img_shape=sample['img_shape'], topk=1)
    frames = sample['keypoint'].shape[1]
    predictions = [stream.push(sample['keypoint'][:, t], sample['keypoint_score'][:, t]) for t in range(frames)]
    due = [t for t, prediction in enumerate(predictions) if prediction is not None]
    assert due == list(range(19, frames, 8)) and all(predictions[t]['frame'] == t for t in due)


def test_demo_and_onnx_export_tools(trained):
    path = trained['path']
    output = run_tool(['demo.py', CONFIG, trained['checkpoint'], 'data/synthetic/synthetic.pkl', '--index', '0',
                       '--topk', '1', '--out', 'demo.gif'], path).output
    assert re.search(r'\(label +\d\)', output) and osp.getsize(path / 'demo.gif') > 0
    output = run_tool(['export_onnx.py', CONFIG, trained['checkpoint'], 'model.onnx'], path).output
    assert float(output.split('max abs difference to PyTorch: ')[1].split()[0]) < 1e-4


def test_cost_of_a_1x_config():
    from keypoint_plugin.apis.cost import config_cost
    from keypoint_plugin.config_utils import load_config
    from keypoint_plugin.data import make_synthetic_dataset
    from keypoint_plugin.host import build_model

    cfg = load_config(CONFIG)
    model = build_model(cfg.model)
    sample = make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=0, num_person=2)['annotations'][0]
    cost = config_cost(cfg, sample, model=model)
    assert cost['params'] == sum(p.numel() for p in model.parameters())
    assert cost['clip_shape'] == (5, 48, 17, 2) and cost['clips_per_sample'] == 20  # 10 clips x 2 flips
    assert 0 < cost['gmacs_per_clip'] < 0.1


def test_compare_variants_on_1x(trained, monkeypatch):
    from keypoint_plugin.datasets import config_test_labels
    from keypoint_plugin.evaluation import classification_metrics, load_scores

    path = trained['path']
    run_tool(['compare_variants.py', 'synthetic', '--variants', 'raw_kp', '--work-dir', 'compare', '--cfg-options',
              'train_cfg.max_epochs=1', *NO_WORKERS], path)
    with open(path / 'compare' / 'comparison.json') as f:
        row = json.load(f)['raw_kp']
    monkeypatch.chdir(path)  # the config's ann_file is relative
    labels = config_test_labels(CONFIG)[0]
    for name in ('1clip', 'multiclip'):
        scores = load_scores(str(path / 'compare' / 'raw_kp' / f'scores_{name}.pkl'))
        assert row[f'top1_{name}'] == pytest.approx(classification_metrics(scores, labels)['top1'])
    assert row['cost']['clips_per_sample'] == 20 and row['train_seconds'] > 0
    assert (path / 'compare' / 'comparison.md').read_text().count('| raw_kp |') == 1


def test_benchmark_on_1x_configs(trained):
    """tools/benchmark.py --quick (cost table) and --throughput --quick on 1.x configs: every figure measured."""
    path = trained['path']
    configs = [osp.join(ROOT, 'configs', 'mmaction1x', variant, 'synthetic.py') for variant in ('grayscale', 'raw_kp')]
    run_tool(['benchmark.py', *configs, '--quick', '--device', 'cpu', '--no-stgcn', '--out-dir', 'bench'], path)
    with open(path / 'bench' / 'benchmark.json') as f:
        entries = {entry['name']: entry for entry in json.load(f)['configs']}
    assert set(entries) == {'grayscale/synthetic', 'raw_kp/synthetic'}
    for entry in entries.values():
        assert entry['input_key'] == 'inputs' and entry['clips_per_test_sample'] == 20
        assert entry['train_clips_per_s'] > 0 and entry['test_ms_per_sample'] > 0
    assert entries['raw_kp/synthetic']['ratios']['gmacs_per_clip'] > 1  # lighter than the grayscale reference
    run_tool(['benchmark.py', '--throughput', configs[1], '--quick', '--device', 'cpu', '--out-dir', 'throughput',
              '--profile', '1', '--cfg-options', 'channels_last=True'], path)
    with open(path / 'throughput' / 'throughput.json') as f:
        entries = json.load(f)['configs']
    # The raw config with its per-sample pipeline and with the batched one (device_pipeline), on the 1.x host.
    assert [e['name'] for e in entries] == ['raw_kp/synthetic (per-sample)', 'raw_kp/synthetic (batched)']
    for entry in entries:
        assert entry['train_clips_per_s'] > 0 and entry['test_samples_per_s'] > 0 and entry['test_latency_ms'] > 0
        assert entry['channels_last'] is True and entry['precision'] == 'float32' and entry['profile']['steps'] == 1


def test_schedule_estimate_on_a_1x_config(tmp_path):
    config = osp.join(ROOT, 'configs', 'mmaction1x', 'raw_kp', 'ntu60_xsub.py')
    output = run_tool(['estimate_schedule.py', config, '--samples', '40', '--unique', '10', '--device', 'cpu',
                       '--workers', '0', '--out', 'estimate.json', '--cfg-options', 'train_dataloader.batch_size=8'],
                       tmp_path).output
    result = json.loads((tmp_path / 'estimate.json').read_text())
    assert result['iterations'] == 5 and result['batch_size'] == 8 and (result['repeats'], result['epochs']) == (10, 24)
    assert result['schedule_seconds'] == pytest.approx(result['seconds'] * 240) and 'x 24 epochs' in output
