"""Every shell command in the README runs as written, so the README cannot drift.

What is run: every ```sh block of README.md, one test per block; in a block, every
command in order (continuation lines joined, comments stripped), each with ``bash -c``
in a temporary copy of the repository (its tracked and new files, and the virtualenv),
so nothing a command does lands in the real checkout. Variables a block sets
(``export X=…``, ``G=…``) hold for the rest of the block, as in a shell.

A block may say, in an HTML comment on the line just above its fence (invisible on the
rendered page), what it needs; without one it runs on the demo::

    <!-- readme-test: state=empty; name=amsterdam; needs=shared-data -->

- ``state=demo`` (default): what ``make run`` leaves (``monitor init``, ``monitor demo``,
  ``monitor user ensure-admin``); ``state=empty``: a fresh copy without a store;
  ``state=postgresql``: a fresh copy and an empty PostgreSQL database in
  ``MONITOR_DATABASE_URL``; ``state=NAME``: where the block with ``name=NAME`` ended
  (its copy and its variables).
- ``needs=shared-data``: the real Amsterdam data in ``../shared/data`` (skipped on a
  laptop without it, required with ``CI=true``); ``needs=redis``: the local Redis
  (likewise).
- ``skip=TEXT (reason)``: commands containing TEXT are placeholders and are not run.
  Keep these few.

Rules for every command:

- ``make test`` is never run: it would run this test again (and takes minutes).
- Servers (``make run``, ``python app.py``, ``gunicorn …``) start on a free port (the
  command's ``MONITOR_PORT=…`` and ``--bind …`` are rewritten; ``MONITOR_PORT`` is set
  for the others), must answer HTTP without a server error, and are stopped. In a block
  marked ``public`` the app must open without a login.
- Prompts get a password on stdin (twice); ``PW`` holds the same password.
- ``TMPDIR`` is a fresh folder: a file a command writes with ``-o``/``--output`` must
  exist afterwards and lie outside the repository.
- A command fails the test on a non-zero exit or a Python traceback; a block fails when
  it leaves a file in the repository that ``.gitignore`` does not ignore (the store in
  ``data/`` is ignored; an export into the project is not).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support import (
    SHARED_DATA,
    free_port,
    postgres_database,
    require_redis,
    require_shared,
)

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PASSWORD = "readme-wachtwoord-123"
#: Commands that start a server: run in the background, checked over HTTP, stopped.
SERVER = re.compile(r"^(make run\b|python3? app\.py\b|gunicorn\b)")
#: Never run: ``make test`` would run this very test again.
EXCLUDED = re.compile(r"^make test\b")
ASSIGNMENT = re.compile(r"^(export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(\S*)$")
DIRECTIVE = re.compile(r"<!--\s*readme-test:(.*?)-->")
COMMAND_TIMEOUT = 900  # seconds; the real-data imports take about a minute on a busy CI


@dataclass
class Block:
    line: int  # of the opening fence
    commands: list[tuple[int, str]]
    state: str = "demo"
    name: str | None = None
    needs: set[str] = field(default_factory=set)
    skip: list[str] = field(default_factory=list)
    public: bool = False

    @property
    def id(self) -> str:
        first = self.commands[0][1] if self.commands else ""
        return f"line{self.line}-{re.sub(r'[^A-Za-z0-9]+', '-', first)[:40].strip('-')}"


def strip_comment(text: str) -> str:
    """``text`` without its shell comment (a ``#`` at a word start, outside quotes)."""
    quote = None
    escaped = False
    for i, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1].isspace()):
            return text[:i].rstrip()
    return text.rstrip()


def parse_directive(text: str, block: Block) -> None:
    for part in (p.strip() for p in text.split(";")):
        key, _, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if key == "state":
            block.state = value
        elif key == "name":
            block.name = value
        elif key == "needs":
            block.needs |= {v.strip() for v in value.split(",")}
        elif key == "skip":
            block.skip.append(value.split(" (", 1)[0].strip())
        elif key == "public":
            block.public = True
        elif key:
            raise AssertionError(f"README: unknown readme-test directive '{key}'")


def readme_blocks(text: str) -> list[Block]:
    """The README's ```sh blocks with their commands and directives."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```sh":
            i += 1
            continue
        block = Block(line=i + 1, commands=[])
        above = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        if found := DIRECTIVE.search(above):
            parse_directive(found[1], block)
        i += 1
        pending, start = "", 0
        while i < len(lines) and lines[i].strip() != "```":
            line = lines[i]
            if not pending:
                start = i + 1
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
            else:
                command = " ".join(strip_comment(pending + line).split())
                if command:
                    block.commands.append((start, command))
                pending = ""
            i += 1
        blocks.append(block)
        i += 1
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_blocks_and_they_parse() -> None:
    """The parser itself, on the README's own text: continuation lines and comments."""
    assert len(BLOCKS) >= 6
    commands = [c for b in BLOCKS for _, c in b.commands]
    assert "make run" in commands
    assert any(
        c.startswith("monitor import areas $G/GEBIED_BUURTEN.json --level buurt") for c in commands
    )
    assert not any("#" in c and "'#" not in c for c in commands), "a comment was kept"
    assert strip_comment("echo 'a # b' # c") == "echo 'a # b'"
    names = {b.name for b in BLOCKS if b.name}
    assert all(b.state in {"demo", "empty", "postgresql", *names} for b in BLOCKS)


# -- running ---------------------------------------------------------------------------


@dataclass
class State:
    repo: Path
    env: dict[str, str]


def _venv() -> Path:
    venv = Path(sys.prefix)
    if venv == Path(sys.base_prefix) or not (venv / "bin" / "monitor").exists():
        pytest.fail("the README test runs inside the project's virtualenv (make test)")
    return venv


def _project_files() -> list[str]:
    """Tracked and new (not ignored) files of the checkout."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def fresh_copy(folder: Path) -> Path:
    """The repository in ``folder/repo``; ``folder/shared`` is the shared data's folder,
    so ``../shared/data`` works as in a checkout; ``.venv`` links to the real one."""
    repo = folder / "repo"
    for name in _project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    venv = _venv()
    (repo / ".venv").mkdir()
    for entry in venv.iterdir():
        if entry.name != ".installed":
            (repo / ".venv" / entry.name).symlink_to(entry)
    (repo / ".venv" / ".installed").touch()  # newer than pyproject.toml: make installs nothing
    if SHARED_DATA.is_dir():
        (folder / "shared").symlink_to(SHARED_DATA.parent)
    return repo


def base_env(venv: Path, repo: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"  # the venv is active
    # The venv's editable install points at the real checkout; the copy's own code comes
    # first, so its default store (data/ beside the code) is the copy's, not the real one.
    env["PYTHONPATH"] = str(repo)
    env["VIRTUAL_ENV"] = str(venv)
    env["PW"] = PASSWORD
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def files_in(repo: Path) -> set[str]:
    skip = {".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
    found = set()
    for dirpath, dirnames, filenames in os.walk(repo):
        dirnames[:] = [d for d in dirnames if d not in skip]
        for name in filenames:
            found.add(str(Path(dirpath, name).relative_to(repo)))
    return found


def not_ignored(paths: set[str]) -> set[str]:
    if not paths:
        return set()
    answer = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=ROOT,
        input="\n".join(sorted(paths)),
        capture_output=True,
        text=True,
    )
    return paths - set(answer.stdout.split())


def shell_value(expression: str, state: State) -> str:
    """What bash makes of ``expression`` (a word as written) with the block's variables."""
    done = subprocess.run(
        ["bash", "-c", f"printf '%s' {expression}"],
        cwd=state.repo,
        env=state.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def run_command(command: str, line: int, state: State) -> str:
    """One command, as written; returns its output (stdout and stderr)."""
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=state.repo,
        env=state.env,
        input=f"{PASSWORD}\n{PASSWORD}\n",
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        start_new_session=True,  # no terminal: password prompts read stdin
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, (
        f"README line {line}: `{command}` exited {done.returncode}:\n{output[-3000:]}"
    )
    assert "Traceback (most recent call last)" not in output, (
        f"README line {line}: `{command}` crashed:\n{output[-3000:]}"
    )
    return output


def run_server(command: str, line: int, state: State, public: bool) -> None:
    """A server command on a free port: it must answer over HTTP, then it is stopped."""
    port = free_port()
    command = re.sub(r"\bMONITOR_PORT=\S+", f"MONITOR_PORT={port}", command)
    command = re.sub(r"--bind[ =]\S+", f"--bind 127.0.0.1:{port}", command)
    env = dict(state.env, MONITOR_PORT=str(port))
    log = state.repo.parent / f"server-{line}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["bash", "-c", command],
            cwd=state.repo,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: make and its children stop too
        )
    try:
        url, deadline = None, time.monotonic() + 240  # make run generates the demo first
        while url is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    url = answer.geturl()
            except urllib.error.HTTPError as exc:
                assert exc.code < 500, f"README line {line}: `{command}` answered {exc.code}"
                url = exc.geturl()
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = log.read_text(errors="replace")[-3000:]
                    raise AssertionError(
                        f"README line {line}: `{command}` did not answer over HTTP:\n{output}"
                    ) from None
                time.sleep(0.5)
        if public:
            assert "/login" not in url, f"README line {line}: `{command}` opens on {url}"
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait(timeout=30)
    output = log.read_text(errors="replace")
    assert "Traceback (most recent call last)" not in output, (
        f"README line {line}:\n{output[-3000:]}"
    )


def run_block(block: Block, state: State) -> None:
    before = files_in(state.repo)
    for line, command in block.commands:
        if EXCLUDED.match(command) or any(text in command for text in block.skip):
            continue
        assignment = ASSIGNMENT.match(command)
        if assignment:
            state.env[assignment[2]] = shell_value(assignment[3] or "''", state)
            continue
        bare = re.sub(r"^([A-Za-z_][A-Za-z0-9_]*=\S*\s+)+", "", command)
        if SERVER.match(bare):
            run_server(command, line, state, block.public)
            continue
        run_command(command, line, state)
        written = re.search(r"(?:\s-o|--output)[ =](\"[^\"]*\"|'[^']*'|\S+)", command)
        if written:
            path = Path(state.repo, shell_value(written[1], state))
            assert path.is_file() and path.stat().st_size > 0, f"README line {line}: no {path}"
            assert state.repo not in path.resolve().parents, (
                f"README line {line}: {path} in the project"
            )
    left = not_ignored(files_in(state.repo) - before)
    assert not left, (
        f"README block at line {block.line} leaves files in the project: {sorted(left)}"
    )


# -- states ----------------------------------------------------------------------------

_named: dict[str, State] = {}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> State:
    """A copy with what ``make run`` leaves before it starts the app."""
    folder = tmp_path_factory.mktemp("readme-demo")
    repo = fresh_copy(folder)
    state = State(repo, base_env(_venv(), repo))
    where = run_command("python -c 'import monitor.config as c; print(c.PROJECT_ROOT)'", 0, state)
    assert Path(where.strip()).resolve() == repo.resolve(), "the copy must run its own code"
    for command in ("monitor init", "monitor demo", "monitor user ensure-admin"):
        run_command(command, 0, state)
    return state


def copy_state(source: State, folder: Path) -> State:
    shutil.copytree(source.repo.parent, folder, symlinks=True, dirs_exist_ok=True)
    env = dict(source.env, PYTHONPATH=str(folder / "repo"))
    return State(folder / "repo", env)


def prepare(block: Block, folder: Path, stack: ExitStack, request: pytest.FixtureRequest) -> State:
    if "shared-data" in block.needs:
        require_shared()
    if "redis" in block.needs:
        require_redis()
    if block.state == "demo":
        state = copy_state(request.getfixturevalue("demo_template"), folder)
    elif block.state in ("empty", "postgresql"):
        repo = fresh_copy(folder)
        state = State(repo, base_env(_venv(), repo))
        if block.state == "postgresql":
            state.env["MONITOR_DATABASE_URL"] = stack.enter_context(postgres_database())
    else:
        if block.state not in _named:
            source = next((b for b in BLOCKS if b.name == block.state), None)
            assert source is not None, f"README: no block is named '{block.state}'"
            run_named(source, folder.parent / f"{folder.name}-{source.name}", stack, request)
        state = copy_state(_named[block.state], folder)
    tmp = folder / "tmp"
    tmp.mkdir(exist_ok=True)
    state.env["TMPDIR"] = str(tmp)
    return state


def run_named(block: Block, folder: Path, stack: ExitStack, request: pytest.FixtureRequest) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    state = prepare(block, folder, stack, request)
    run_block(block, state)
    if block.name:
        _named[block.name] = state


@pytest.mark.parametrize(
    "block",
    [
        pytest.param(b, id=b.id, marks=[pytest.mark.postgres] if b.state == "postgresql" else [])
        for b in BLOCKS
    ],
)
def test_readme_block_runs_as_written(
    block: Block, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with ExitStack() as stack:
        if block.name and block.name in _named:
            return  # already run as the start of a later block
        run_named(block, tmp_path / "block", stack, request)
