import os
import os.path as osp

from setuptools import find_packages, setup


def readme():
    with open('README.md', encoding='utf-8') as f:
        return f.read()


def config_files():
    """Every config under configs/, at any depth, relative to it: package_data's globs match one folder level
    each, so a fixed pattern misses a deeper folder (configs/mmaction1x/<variant>/)."""
    return sorted(osp.relpath(osp.join(folder, name), 'configs') for folder, _, names in os.walk('configs')
                  for name in names if name.endswith('.py'))


version = {}
with open('keypoint_plugin/version.py', encoding='utf-8') as f:
    exec(f.read(), version)

setup(
    name='keypoint_plugin',
    version=version['__version__'],
    description='Lightweight skeleton action recognition (raw keypoints, grayscale renders) for pyskl',
    long_description=readme(),
    long_description_content_type='text/markdown',
    license='Apache-2.0',
    python_requires='>=3.8',
    packages=find_packages(include=['keypoint_plugin', 'keypoint_plugin.*']) + ['keypoint_plugin.configs'],
    # The top-level configs/ ship inside the package, so a pip user finds them with
    # keypoint_plugin.config_utils.config_path('raw_kp/ntu60_xsub.py').
    package_dir={'keypoint_plugin.configs': 'configs'},
    package_data={'keypoint_plugin.configs': config_files()},
    # The host stack (mmcv 1.x from source, mmaction2 0.24.1 or pyskl) is installed by tools/setup_env.sh
    # or by the user's pyskl environment; these are the plugin's own needs.
    install_requires=['numpy', 'torch', 'scipy', 'scikit-learn', 'matplotlib', 'tqdm'],
    extras_require=dict(
        export=['onnx', 'onnxruntime'],
        tests=['pytest', 'pytest-xdist', 'hypothesis', 'onnx', 'onnxruntime'],
    ),
    classifiers=['License :: OSI Approved :: Apache Software License', 'Programming Language :: Python :: 3'],
)
