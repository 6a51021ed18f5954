"""The package's layers: every import of a plugin module points to its own layer or one below (read from the source
with ast, imports inside functions included), the host families' folders do not import each other, and no module
outgrows a reader."""
import ast
import glob
import os.path as osp

import pytest

from conftest import ROOT

PACKAGE = osp.join(ROOT, 'keypoint_plugin')
# Bottom up; each top-level module or folder of the package, by name.
LAYERS = (
    # Leaves: the standard library, numpy, scipy and torch only (safe_load also names mmengine's checkpoint types
    # where mmengine is installed, without picking a host).
    ('version', 'layouts', 'memory_format', 'data', 'safe_load', 'fileio'),
    # The host bridge: the only layer that picks a host toolbox; its registries, builders, Config, file I/O.
    ('host', ),
    # Shared components, one implementation for every host: transforms, models, metrics and reports.
    ('pipelines', 'models', 'evaluation', 'visualization'),
    # Config settings and lookups (they read the pipelines' signatures), then the datasets that check configs.
    ('config_utils', ),
    ('datasets', ),
    # Each host family's own components, registered beside the shared ones.
    ('adapters', ),
    # Each host family's runner code: training, testing, a model run outside the runner.
    ('runners', ),
    # What users and tools call.
    ('apis', ),
    ('benchmark', ),
    # The package itself: importing it registers everything.
    ('__init__', ),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
FAMILIES = ('mmcv1', 'mmengine')
MAX_LINES = 500


def _modules():
    return sorted(glob.glob(osp.join(PACKAGE, '**', '*.py'), recursive=True))


def _name(path):
    """Dotted name of a module file, e.g. ``keypoint_plugin.host.compat`` (a package: its folder's name)."""
    parts = osp.splitext(osp.relpath(path, ROOT))[0].split(osp.sep)
    return '.'.join(parts[:-1] if parts[-1] == '__init__' else parts)


def plugin_imports(path):
    """(line, dotted name) of every plugin module or name that ``path`` imports, relative imports resolved."""
    name = _name(path)
    package = name.split('.') if path.endswith('__init__.py') else name.split('.')[:-1]
    for node in ast.walk(ast.parse(open(path, encoding='utf-8').read(), path)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                prefix = '.'.join(base + ([node.module] if node.module else []))
                # `from . import x`: x may be a module; either way it lives in the named package.
                targets = [f'{prefix}.{alias.name}' for alias in node.names] if not node.module else [prefix]
            else:
                targets = [node.module]
        else:
            continue
        for target in targets:
            if target == 'keypoint_plugin' or target.startswith('keypoint_plugin.'):
                yield node.lineno, target


def _layer(dotted):
    parts = dotted.split('.')
    return parts[1] if len(parts) > 1 else '__init__'


def test_every_module_has_a_layer():
    unplaced = {_layer(_name(path)) for path in _modules()} - set(RANK)
    assert not unplaced, f'place these in LAYERS: {sorted(unplaced)}'


@pytest.mark.parametrize('path', _modules(), ids=lambda path: osp.relpath(path, PACKAGE))
def test_imports_point_down(path):
    own = _name(path)
    upward = [f'line {line}: {target} ({_layer(target)}, above {_layer(own)})' for line, target in plugin_imports(path)
              if RANK[_layer(target)] > RANK[_layer(own)]]
    assert not upward, f'{own} imports from a layer above it:\n' + '\n'.join(upward)
    family = next((part for part in own.split('.')[2:3] if part in FAMILIES), None)
    if family is not None and _layer(own) != 'host':  # the host bridge's families share argument handling
        crossing = [target for _, target in plugin_imports(path)
                    if _layer(target) == _layer(own) and set(target.split('.')[2:3]) & (set(FAMILIES) - {family})]
        assert not crossing, f'{own} ({family}) imports the other host family: {crossing}'


def test_the_host_bridge_imports_nothing_above_it():
    """The bridge stands alone: its modules import each other and the leaves only."""
    for path in glob.glob(osp.join(PACKAGE, 'host', '*.py')):
        assert {_layer(target) for _, target in plugin_imports(path)} <= {'host', *LAYERS[0]}, path


def test_the_import_reader_resolves_relative_imports():
    """A checker that read nothing would pass; this module's imports are known."""
    found = {target for _, target in plugin_imports(osp.join(PACKAGE, 'runners', 'mmcv1', 'tools.py'))}
    assert {'keypoint_plugin.adapters.mmcv1.dataset', 'keypoint_plugin.host', 'keypoint_plugin.runners.mmcv1.runner',
            'keypoint_plugin.config_utils'} <= found
    init = {target for _, target in plugin_imports(osp.join(PACKAGE, '__init__.py'))}
    assert {'keypoint_plugin.adapters', 'keypoint_plugin.host', 'keypoint_plugin.version'} <= init


@pytest.mark.parametrize('path', _modules(), ids=lambda path: osp.relpath(path, PACKAGE))
def test_module_length(path):
    with open(path, encoding='utf-8') as f:
        lines = sum(1 for _ in f)
    assert lines <= MAX_LINES, f'{osp.relpath(path, ROOT)} has {lines} lines; split it by job (at most {MAX_LINES})'
