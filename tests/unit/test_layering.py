import subprocess
import sys


def test_domain_code_does_not_import_reflex():
    """services/, models/ and the seed stay plain Python: usable from scripts, workers and tests."""
    code = (
        "import sys, realsourcing.services.accounts, realsourcing.services.factories, "
        "realsourcing.services.admin, realsourcing.services.i18n, realsourcing.models, realsourcing.seed, "
        "realsourcing.cli; "
        "bad = [m for m in sys.modules if m == 'reflex' or m.startswith('reflex.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_safe_next_only_allows_local_paths():
    from realsourcing.states.session import safe_next

    assert safe_next("/dashboard") == "/dashboard"
    for hostile in ("//evil.example", "https://evil.example", "/\\evil.example", "", None, "javascript:alert(1)"):
        assert safe_next(hostile) == "/"
