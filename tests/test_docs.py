"""The documentation's shape: a short README from which every document is one link away, and relative
links (files and #anchors) that resolve."""
import glob
import os.path as osp
import re

import pytest

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
README = osp.join(ROOT, 'README.md')
# Every markdown file of the repository outside the environments and work folders.
DOCS = sorted(path for path in glob.glob(osp.join(ROOT, '**', '*.md'), recursive=True)
              if not osp.relpath(path, ROOT).startswith(('.', 'work_dirs', 'data', 'build')))
LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)\)')


def prose(path):
    """The file's text without fenced code blocks and inline code, where brackets are not links."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    text = re.sub(r'^```.*?^```', '', text, flags=re.S | re.M)
    return re.sub(r'`[^`\n]*`', '', text)


def anchors(path):
    """GitHub's anchors for the headings of a markdown file (repeated headings get -1, -2...)."""
    with open(path, encoding='utf-8') as f:
        text = re.sub(r'^```.*?^```', '', f.read(), flags=re.S | re.M)
    seen, result = {}, set()
    for heading in re.findall(r'^#{1,6}\s+(.*?)\s*$', text, flags=re.M):
        slug = re.sub(r'[^\w\- ]', '', heading.lower()).replace(' ', '-')
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        result.add(slug if count == 0 else f'{slug}-{count}')
    return result


def relative_links(path):
    return [target for target in LINK.findall(prose(path))
            if not re.match(r'[a-z][a-z0-9+.-]*:', target)]  # http:, https:, mailto: are not checked here


def test_readme_is_short():
    with open(README, encoding='utf-8') as f:
        text = f.read()
    assert len(text.splitlines()) <= 250, f'README.md has {len(text.splitlines())} lines (at most 250)'
    assert len(text.encode('utf-8')) <= 20 * 1024, f'README.md has {len(text.encode())} bytes (at most 20 KB)'


@pytest.mark.parametrize('path', DOCS, ids=[osp.relpath(p, ROOT) for p in DOCS])
def test_relative_links_resolve(path):
    broken = []
    for target in relative_links(path):
        file_part, _, anchor = target.partition('#')
        linked = osp.normpath(osp.join(osp.dirname(path), file_part)) if file_part else path
        if not osp.exists(linked):
            broken.append(f'{target}: no {osp.relpath(linked, ROOT)}')
        elif anchor and linked.endswith('.md') and anchor not in anchors(linked):
            broken.append(f'{target}: no heading #{anchor} in {osp.relpath(linked, ROOT)}')
    assert not broken, f'{osp.relpath(path, ROOT)}: ' + '; '.join(broken)


def test_every_document_is_one_link_from_the_readme():
    linked = {osp.normpath(osp.join(ROOT, target.partition('#')[0])) for target in relative_links(README)}
    documents = [path for path in DOCS if path != README and osp.relpath(path, ROOT).startswith(
        ('docs' + osp.sep, 'configs' + osp.sep, 'tools' + osp.sep))]
    assert documents, 'no documents found under docs/, configs/ or tools/'
    missing = [osp.relpath(path, ROOT) for path in documents if path not in linked]
    assert not missing, f'not linked from README.md: {missing}'
