"""The benchmark's tables: ratios to the first config, the cost and throughput sections and profiles as markdown
(tables drawn by :func:`keypoint_plugin.evaluation.report.markdown_table`), accuracies read and plotted against
cost."""
import os.path as osp

from ..evaluation.report import markdown_table
from ..host import load


# Fields of a config's entry, how to tabulate them, and the direction of its ratio to the first config:
# ``lower`` (cost: ratio = first / this) or ``higher`` (throughput: ratio = this / first). Either way a
# ratio above 1 says this config is better by that factor.
FIELDS = (
    ('params', 'params', '{:,.0f}', 'lower'),
    ('gmacs_per_clip', 'GMACs/clip', '{:.4g}', 'lower'),
    ('gmacs_per_train_clip', 'GMACs/train clip', '{:.4g}', 'lower'),
    ('gmacs_per_test_sample', 'GMACs/test sample', '{:.4g}', 'lower'),
    ('input_bytes_per_clip', 'input KB/clip', '{:.4g}', 'lower'),
    ('pipeline_ms_per_clip_train', 'pipeline ms/train clip', '{:.4g}', 'lower'),
    ('pipeline_ms_per_clip_test', 'pipeline ms/test clip', '{:.4g}', 'lower'),
    ('train_clips_per_s', 'train clips/s', '{:.4g}', 'higher'),
    ('test_ms_per_sample', 'test ms/sample', '{:.4g}', 'lower'),
    ('peak_rss_mb', 'peak RSS MB', '{:.0f}', 'lower'),
    ('peak_cuda_mb', 'peak CUDA MB', '{:.0f}', 'lower'),
)


# The throughput section's fields: key, label, format.
THROUGHPUT_FIELDS = (
    ('loader_ms_per_clip', 'loader ms/train clip (1 core)', '{:.3g}'),
    ('precision', 'precision', '{}'),
    ('channels_last', 'channels-last', '{}'),
    ('train_batch', 'train batch', '{:d}'),
    ('train_clips_per_s', 'train clips/s', '{:,.5g}'),  # PoseC3D on a CPU: under 1
    ('train_ms_per_iteration', 'train ms/iteration', '{:.3g}'),
    ('test_latency_ms', 'test latency ms/sample (batch 1)', '{:.3g}'),
    ('test_batch', 'test batch', '{:d}'),
    ('test_samples_per_s', 'test samples/s (test batch)', '{:,.1f}'),
    ('peak_train_mb', 'peak GPU MB, training', '{:,.0f}'),
    ('peak_test_mb', 'peak GPU MB, testing', '{:,.0f}'),
    ('profile_device_busy', 'device busy in training (profile)', '{:.0%}'),
)


def add_ratios(entries):
    """Add ``ratios`` to every entry: each field against the first entry's, > 1 where this one is better
    (``first / this`` for costs and times, ``this / first`` for throughput), in place.

    Args:
        entries (list[dict]): Benchmark entries; the first is the reference.
    """
    first = entries[0]
    for entry in entries:
        entry['ratios'] = {
            key: (first[key] / entry[key] if better == 'lower' else entry[key] / first[key])
            for key, _, _, better in FIELDS if key in first and key in entry and first[key] and entry[key]}
    return entries


def cost_report(entries, same_size=None):
    """The benchmark as markdown: figures, ratios to the first config and the same-size pipeline table.

    Args:
        entries (list[dict]): Entries with ``ratios`` (see :func:`add_ratios`); may be empty.
        same_size (dict | None): The result of :func:`pipeline_same_size`.
    """
    parts = []
    if entries:
        fields = [f for f in FIELDS if any(f[0] in e for e in entries)]
        header = ['config'] + [label for _, label, _, _ in fields]
        scale = dict(input_bytes_per_clip=1 / 1024)
        parts += ['## Cost per config', markdown_table(header, [
            [e['name']] + [fmt.format(e[key] * scale.get(key, 1)) if key in e else '-' for key, _, fmt, _ in fields]
            for e in entries])]
        parts += [f'## Ratios to {entries[0]["name"]} (> 1: better; first / this for costs, this / first for '
                  'throughput)', markdown_table(header, [
                      [e['name']] + [f"{e['ratios'][key]:.3g}x" if key in e['ratios'] else '-'
                                     for key, _, _, _ in fields] for e in entries])]
    if same_size:
        parts += [f'## Pipeline only, same size ({same_size["clip_len"]} frames, '
                  f'{same_size["size"][0]}x{same_size["size"][1]})',
                  markdown_table(['persons', 'variant', 'ms/clip', 'heatmap / this'], [
                      [str(r['persons']), r['variant'], f"{r['ms_per_clip']:.4g}", f"{r['ratio']:.3g}x"]
                      for r in same_size['rows']])]
    return '\n\n'.join(parts) + '\n'


def throughput_report(entries):
    """The throughput section as markdown: one row per measured config, on the device(s) named."""
    devices = sorted({e['device_name'] for e in entries})
    fields = [field for field in THROUGHPUT_FIELDS if any(field[0] in e for e in entries)]
    header = ['config'] + [label for _, label, _ in fields]
    rows = [[e['name']] + [fmt.format(e[key]) if key in e else '-' for key, _, fmt in fields] for e in entries]
    return f'## Throughput on {", ".join(devices)}\n\n' + markdown_table(header, rows) + '\n'


def profile_report(entries):
    """The profiled training iterations of each config as markdown: wall and device time per iteration and the
    operators' table (:func:`profile_steps`)."""
    parts = []
    for e in entries:
        if 'profile' not in e:
            continue
        p = e['profile']
        parts.append(f"## {e['name']} on {e['device_name']}\n\n{p['steps']} training iterations (batch "
                     f"{e['train_batch']}): {p['wall_ms_per_step']:.3g} ms each, device busy "
                     f"{p['device_ms_per_step']:.3g} ms ({p['device_busy']:.0%})\n\n```\n{p['table']}\n```\n")
    return '\n'.join(parts)


def read_accuracy(value):
    """An accuracy from ``--accuracy``: a number, or a JSON file (``tools/analyze_results.py``) with ``top1``.

    Args:
        value (str): ``'0.87'`` or a path.
    """
    try:
        return float(value)
    except ValueError:
        pass
    if not osp.isfile(value):
        raise ValueError(f'accuracy {value!r} is neither a number nor a JSON file')
    data = load(value, file_format='json')
    if 'top1' not in data:
        raise KeyError(f'{value}: no top1 key; found {sorted(data)}')
    return float(data['top1'])


def plot_accuracy(entries, out_file):
    """Accuracy (``top1`` of the entries that have one) against GMACs per test sample, log x axis.

    Args:
        entries (list[dict]): Benchmark entries; those with ``top1`` are drawn.
        out_file (str): The PNG to write.
    """
    from matplotlib.figure import Figure  # here: matplotlib loads only when a plot is drawn
    drawn = [e for e in entries if 'top1' in e]
    if not drawn:
        raise ValueError('no entry has an accuracy (top1) to plot')
    fig = Figure(figsize=(6, 4), layout='tight')
    ax = fig.add_subplot()
    ax.scatter([e['gmacs_per_test_sample'] for e in drawn], [e['top1'] for e in drawn])
    for e in drawn:
        ax.annotate(e['name'], (e['gmacs_per_test_sample'], e['top1']), textcoords='offset points',
                    xytext=(5, 5), fontsize=8)
    ax.set_xscale('log')
    ax.set_xlabel('GMACs per test sample (all test clips)')
    ax.set_ylabel('top-1 accuracy')
    ax.grid(True, which='both', alpha=0.3)
    fig.savefig(out_file, dpi=120)
