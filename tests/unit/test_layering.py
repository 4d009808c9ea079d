import subprocess
import sys


def test_domain_code_does_not_import_reflex():
    """services/, models/ and the seed stay plain Python: usable from scripts, workers and tests."""
    code = (
        "import sys, realsourcing.accounts.service, realsourcing.profile.factories, "
        "realsourcing.admin.service, realsourcing.core.i18n, realsourcing.tables, realsourcing.seed, "
        "realsourcing.cli; "
        "bad = [m for m in sys.modules if m == 'reflex' or m.startswith('reflex.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_after_sign_in_only_local_paths_are_followed():
    from realsourcing.accounts.service import safe_return_path

    assert safe_return_path("/dashboard") == "/dashboard"
    for hostile in ("//evil.example", "https://evil.example", "/\\evil.example", "", None, "javascript:alert(1)"):
        assert safe_return_path(hostile) == "/"
