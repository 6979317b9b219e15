"""Upload benchmark (`make bench-upload`): a 10 MB PDF uploaded through the review report's
files page (Django's test client: the multipart body parsed, the file written to a
temporary file, its type read from its bytes, its SHA-256, the virus scan, the file saved
through the storage API, the row and the audit entry, the redirect), timed end to end.

Scanners, each with the real ClamAV and the test suite's own signatures
(tests/portal/clamav; no signature download is possible here):

- ``clamscan``: loads its signature database on every scan. With the test signatures that
  is instant; with Debian's full database (freshclam's ~350 MB) it takes 10–20 s a scan,
  which is why production uses clamd;
- ``clamd``: the daemon keeps the signatures loaded; Senda streams the file to its socket
  (INSTREAM). Started here in a temporary folder;
- none: the same upload held unscanned, to show what the scan itself costs.

A throw-away SQLite database and media folder in a temporary folder; nothing else is
touched. Target: every upload with its scan ≤ 2 s. Writes bench/out/upload.json.

    python bench/upload_bench.py [--repeat 5] [--megabytes 10]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 2.0


def setup_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["SENDA_FILES_DIR"] = str(folder / "files")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senda.settings")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def run_scanner(label: str, data: bytes, repeat: int, personas: Any) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse
    from tests.portal.upload_helpers import make_report

    from senda.portal.models import Upload
    from senda.portal.scanner import scan

    client = Client(HTTP_HOST="localhost")
    client.force_login(personas.senco)
    timings, scans = [], []
    for _ in range(repeat):
        report = make_report(personas)
        url = reverse("web:portal-report-files", kwargs={"report_id": report.pk})
        upload = _file(data)
        started = time.perf_counter()
        response = client.post(url, {"purpose": "other", "file": upload})
        timings.append(time.perf_counter() - started)
        assert response.status_code == 302, (response.status_code, response.content[:500])
        started = time.perf_counter()
        result = scan(data)
        scans.append(time.perf_counter() - started)
    verdict = Upload.objects.latest("id").scan
    return {
        "scanner": label,
        "verdict": verdict,
        "scan_result": result.verdict,
        "uploads": repeat,
        "upload_median_s": round(statistics.median(timings), 3),
        "upload_max_s": round(max(timings), 3),
        "scan_alone_median_s": round(statistics.median(scans), 3),
    }


def image_pdf(size: int) -> bytes:
    """A one-page PDF holding one image stream of ``size`` bytes (random, as compressed
    image data is): a scanned letter or report, the usual large PDF."""
    image = os.urandom(size)
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im1 4 0 R >> >> >>\n"
        b"endobj\n4 0 obj\n<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 "
        b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length "
        + str(size).encode()
        + b" >>\nstream\n"
        + image
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _file(data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bench.pdf", data, content_type="application/pdf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "upload.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="senda-upload-bench-") as folder:
        setup_django(Path(folder))
        results = run(Path(folder), args.megabytes, args.repeat)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"{results['file_bytes']:,} bytes; load average {results['load_average_1min']}")
    print(f"{'scanner':<10} {'verdict':<10} {'median':>8} {'max':>8} {'scan alone':>11}")
    for row in results["runs"]:
        print(
            f"{row['scanner']:<10} {row['verdict']:<10} {row['upload_median_s']:>7.3f}s "
            f"{row['upload_max_s']:>7.3f}s {row['scan_alone_median_s']:>10.3f}s"
        )
    worst = max(row["upload_max_s"] for row in results["runs"] if row["scanner"] != "none")
    verdict = "OK" if worst <= TARGET_SECONDS else "TOO SLOW"
    print(f"worst scanned upload {worst:.3f} s (target ≤ {TARGET_SECONDS:.0f} s): {verdict}")
    return 0 if worst <= TARGET_SECONDS else 1


def run(folder: Path, megabytes: int, repeat: int) -> dict[str, Any]:
    from django.conf import settings
    from tests.factories import make_personas
    from tests.portal.upload_helpers import SIGNATURES, start_clamd

    settings.SENDA_UPLOAD_MAX_MB = max(settings.SENDA_UPLOAD_MAX_MB, megabytes + 1)
    personas = make_personas()
    data = image_pdf(megabytes * 1024 * 1024)
    runs = []
    settings.SENDA_CLAMSCAN = ""
    runs.append(run_scanner("none", data, repeat, personas))
    clamscan = shutil.which("clamscan")
    if clamscan:
        settings.SENDA_CLAMSCAN = clamscan
        settings.SENDA_CLAMAV_DATABASE = str(SIGNATURES)
        runs.append(run_scanner("clamscan", data, repeat, personas))
        settings.SENDA_CLAMSCAN = ""
    clamd_folder = Path(tempfile.mkdtemp(prefix="senda-clamd-"))
    if not (shutil.which("clamd") or Path("/usr/sbin/clamd").exists()):
        print("clamd not run: it is not installed (make browsers installs clamav-daemon)")
    else:
        process, socket_path = start_clamd(clamd_folder)
        settings.SENDA_CLAMD_SOCKET = str(socket_path)
        try:
            runs.append(run_scanner("clamd", data, repeat, personas))
        finally:
            settings.SENDA_CLAMD_SOCKET = ""
            process.terminate()
            process.wait(timeout=10)
    shutil.rmtree(clamd_folder, ignore_errors=True)
    return {
        "file_bytes": len(data),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "target_s": TARGET_SECONDS,
        "signatures": "tests/portal/clamav (the suite's own)",
        "runs": runs,
    }


if __name__ == "__main__":
    raise SystemExit(main())
