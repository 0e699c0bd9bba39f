"""axe-core, the accessibility rules engine, fetched once from the npm registry and cached.

The version and the registry's sha512 integrity are pinned here; the tarball is checked against
them before anything is taken out of it. The cache lives in ``tests/browser/vendor/`` (git-ignored).
To move to another version, read its ``dist.integrity`` from
``https://registry.npmjs.org/axe-core/<version>`` and change the two constants below.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
INTEGRITY = (
    "sha512-"
    "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
TARBALL_URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
MEMBER = "package/axe.min.js"
VENDOR = Path(__file__).resolve().parent / "vendor"
TARBALL = VENDOR / f"axe-core-{VERSION}.tgz"
SCRIPT = VENDOR / "axe.min.js"

# Impact levels that fail the build; "minor" and "moderate" findings are reported, not fatal.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


class AxeUnavailable(RuntimeError):
    """The tarball is neither cached nor downloadable (no network to the npm registry)."""


def integrity_of(data: bytes) -> str:
    """The Subresource Integrity string npm publishes for a tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def verify(data: bytes, expected: str = INTEGRITY) -> None:
    actual = integrity_of(data)
    if actual != expected:
        raise ValueError(f"axe-core {VERSION} tarball integrity mismatch: {actual} != {expected}")


def _download(url: str = TARBALL_URL, timeout: float = 60) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except OSError as exc:  # URLError, timeouts and refused connections are all OSErrors
        raise AxeUnavailable(f"cannot fetch {url}: {exc}") from exc


def load_tarball() -> bytes:
    """The verified tarball: from the cache, or downloaded and cached."""
    if TARBALL.is_file():
        data = TARBALL.read_bytes()
        try:
            verify(data)
            return data
        except ValueError:
            TARBALL.unlink()  # a damaged or foreign cache entry: fetch it again
    data = _download()
    verify(data)
    VENDOR.mkdir(parents=True, exist_ok=True)
    partial = TARBALL.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(TARBALL)
    return data


def axe_source() -> str:
    """The text of ``axe.min.js`` from the verified tarball; also written to ``vendor/``."""
    with tarfile.open(fileobj=io.BytesIO(load_tarball()), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise AxeUnavailable(f"{MEMBER} missing from axe-core {VERSION}")
        script = member.read()
    if not SCRIPT.is_file() or SCRIPT.read_bytes() != script:
        SCRIPT.write_bytes(script)
    return script.decode("utf-8")


# WCAG 2.2 A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page, source: str, rules: list[str] | None = None) -> list[dict]:
    """Inject axe into ``page`` and return its violations: of ``TAGS``, or of ``rules`` only."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    return page.evaluate(
        """async only => {
            const result = await axe.run(document, {resultTypes: ["violations"], runOnly: only});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(" "), summary: n.failureSummary || "",
                    html: n.html.slice(0, 200)})),
            }));
        }""",
        only,
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict], limit: int = 5) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:limit]:
            lines.append(f"    {node['target']}: {node['html']}")
            for detail in node["summary"].splitlines()[1:3]:
                lines.append(f"        {detail.strip()}")
    return "\n".join(lines)
