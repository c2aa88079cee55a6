"""`tide shell` driven as a person would, in a pseudo-terminal: multi-line statements,
up-arrow recall of a whole statement, Ctrl-C at the prompt and while a statement runs,
the meta-commands (\\dt, \\d t, \\x, \\timing, help, \\q), wrapped long lines, and
`--connect` to a `tide serve` on free ports.

pexpect drives the shell for its output; tmux (when installed) renders the screen, to check
what a person sees after edits that redraw several rows. The binary is $TIDE_BIN (default
.build/debug/tide)."""
import os
import re
import shutil
import signal
import subprocess
import time
import uuid

import pytest

from conftest import tide_binary

pexpect = pytest.importorskip("pexpect")

PROMPT = "tide> "
MORE = "  ... "
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def clean(text):
    """Terminal output as plain lines: escape sequences and carriage returns removed."""
    return ANSI.sub("", text).replace("\r", "")


class Shell:
    """One `tide shell` in a pseudo-terminal."""

    def __init__(self, args, home, cols=120, rows=40):
        env = dict(os.environ, HOME=str(home), TERM="xterm", LC_ALL="C.UTF-8")
        self.home = home
        self.child = pexpect.spawn(tide_binary(), ["shell"] + args, env=env, encoding="utf-8",
                                   dimensions=(rows, cols), timeout=20)
        try:
            self.child.expect_exact(PROMPT)
        except BaseException:
            self.close()
            raise

    def submit(self, line, prompt=PROMPT):
        """Types `line` and Enter; returns the output up to the next `prompt`, cleaned."""
        self.child.send(line + "\r")
        self.child.expect_exact("\r\n")  # the editor's newline once Enter is read
        self.child.expect_exact("\x1b[J" + prompt)
        return clean(self.child.before)

    def quit(self, command="\\q"):
        self.child.send(command + "\r")
        self.child.expect(pexpect.EOF)
        self.child.wait()
        return self.child.exitstatus

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture()
def home(tmp_path):
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture()
def embedded(tmp_path, home):
    shell = Shell(["--data", str(tmp_path / "data")], home)
    yield shell
    shell.close()


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    """Two million rows: LOAD DATA takes long enough (seconds) to be interrupted."""
    path = tmp_path_factory.mktemp("csv") / "big.csv"
    with open(path, "w") as f:
        f.write("id,name,ts\n")
        f.writelines("%d,n%d,%d\n" % (i, i % 1000, i) for i in range(2_000_000))
    return path


def create_table(shell):
    assert "CREATE DATABASE" in shell.submit("CREATE DATABASE d;")
    assert "USE" in shell.submit("USE d;")
    assert "CREATE TABLE" in shell.submit("CREATE TABLE t (id int, name string, ts timestamp, INDEX(KEY=name, TS=ts));")
    assert "INSERT 0 2" in shell.submit("INSERT INTO t VALUES (1, 'a', 1000), (2, 'b', 2000);")


def check_session(shell, history_file):
    """The scenario both backends must pass: multi-line statement, recall, Ctrl-C at the
    prompt, meta-commands, errors with a caret."""
    # A statement over three lines runs once, after the line with ';'.
    assert shell.submit("SELECT id,", prompt=MORE).strip() == ""
    assert shell.submit("  name", prompt=MORE).strip() == ""
    out = shell.submit("FROM t ORDER BY id;")
    assert "id | name\n---+-----\n1  | a   \n2  | b   \n(2 rows)" in out

    # Up-arrow brings back the whole statement, every line of it, and Enter runs it again.
    shell.child.send("\x1b[A")
    shell.child.expect(re.escape(PROMPT + "SELECT id,") + "\r+\n" + re.escape(MORE + "  name") + "\r+\n"
                       + re.escape(MORE + "FROM t ORDER BY id;"))
    out = shell.submit("")
    assert "(2 rows)" in out
    with open(history_file) as f:
        assert "SELECT id,\\n  name\\nFROM t ORDER BY id;\n" in f.read()

    # Ctrl-C discards a half-typed statement (even one spanning lines); the shell goes on.
    shell.submit("SELECT 'never", prompt=MORE)
    shell.child.send("run")
    shell.child.send("\x03")
    shell.child.expect("\\^C\r+\n")
    shell.child.expect_exact("\x1b[J" + PROMPT)
    out = shell.submit("SELECT 7 AS seven;")
    assert "seven\n-----\n7    \n(1 row)" in out
    assert "never" not in out

    # Meta-commands.
    out = shell.submit("\\dt")
    assert "Tables\n------\nt     \n(1 row)" in out
    out = shell.submit("\\d t")
    assert "id" in out and "name" in out and "ts" in out and "INDEX_0" in out and "key=name" in out
    assert shell.submit("\\x").strip() == "Expanded display is on."
    out = shell.submit("SELECT id, name FROM t ORDER BY id;")
    assert "-[ RECORD 1 ]\nid   | 1\nname | a\n-[ RECORD 2 ]\nid   | 2\nname | b" in out
    assert shell.submit("\\x").strip() == "Expanded display is off."
    assert shell.submit("\\timing").strip() == "Timing is on."
    out = shell.submit("SELECT 1 AS one;")
    assert re.search(r"\(1 row\)\nTime: \d+\.\d{3} ms", out), out
    assert shell.submit("\\timing off").strip() == "Timing is off."
    assert "\\d NAME" in shell.submit("help")
    assert "\\timing" in shell.submit("\\?")
    assert "invalid command \\nope" in shell.submit("\\nope")

    # Errors point at the offending token of the line it is on.
    shell.submit("SELECT nosuch", prompt=MORE)
    out = shell.submit("FROM t;")
    assert 'ERROR 42703: column "nosuch" does not exist\nLINE 1: SELECT nosuch\n               ^' in out


def test_embedded_shell(embedded, home):
    create_table(embedded)
    check_session(embedded, home / ".tide_history")
    assert embedded.quit("\\q") == 0


@pytest.mark.parametrize("command", ["exit", "quit;", "\\q"])
def test_quit_commands(tmp_path, home, command):
    shell = Shell(["--data", str(tmp_path / "data")], home)
    try:
        assert shell.quit(command) == 0
    finally:
        shell.close()


def test_ctrl_d_exits(embedded):
    embedded.child.send("\x04")
    embedded.child.expect(pexpect.EOF)
    embedded.child.wait()
    assert embedded.child.exitstatus == 0


def interrupt_load(shell, csv):
    """Ctrl-C during a long LOAD DATA cancels it; the shell keeps going."""
    assert "SET" in shell.submit("SET @@execute_mode = 'offline';")
    shell.child.send("LOAD DATA INFILE '%s' INTO TABLE t OPTIONS (header = true, mode = 'append');\r" % csv)
    shell.child.expect_exact("\r\n")
    time.sleep(0.5)
    shell.child.send("\x03")  # the terminal turns it into SIGINT while the statement runs
    shell.child.expect_exact("cancel requested")
    shell.child.expect_exact("ERROR 57014: canceling statement due to user request")
    shell.child.expect_exact("\x1b[J" + PROMPT)
    assert shell.child.isalive()
    assert "(1 row)" in shell.submit("SELECT 1 AS still_here;")


def test_ctrl_c_cancels_a_running_statement(embedded, big_csv):
    create_table(embedded)
    interrupt_load(embedded, big_csv)
    # SIGINT from outside, at the prompt, is ignored too.
    embedded.child.kill(signal.SIGINT)
    time.sleep(0.3)
    assert embedded.child.isalive()
    assert "(1 row)" in embedded.submit("SELECT 2 AS after_sigint;")
    assert embedded.quit() == 0


def test_connect_to_tide_serve(fresh_server, home, big_csv):
    shell = Shell(["--connect", fresh_server.dsn()], home)
    try:
        create_table(shell)
        check_session(shell, home / ".tide_history")
        interrupt_load(shell, big_csv)
        assert shell.quit("exit") == 0
    finally:
        shell.close()


@pytest.mark.skipif(not os.environ.get("TIDE_TEST_POSTGRES_URL"),
                    reason="set TIDE_TEST_POSTGRES_URL to a PostgreSQL database the test may create tables in")
def test_connect_to_postgresql(home):
    shell = Shell(["--connect", os.environ["TIDE_TEST_POSTGRES_URL"]], home)
    table = "tide_shell_%s" % uuid.uuid4().hex[:8]
    try:
        assert "CREATE TABLE" in shell.submit("CREATE TABLE %s (id int PRIMARY KEY, name text);" % table)
        assert "INSERT 0 2" in shell.submit("INSERT INTO %s VALUES (1, 'a'), (2, NULL);" % table)
        assert table in shell.submit("\\dt")
        out = shell.submit("\\d %s" % table)
        assert "integer" in out and "not null" in out and "%s_pkey" % table in out
        # psql's rules split the input: a dollar-quoted body keeps its ';'.
        shell.submit("DO $$ BEGIN", prompt=MORE)
        out = shell.submit("RAISE WARNING 'careful'; END $$;")
        assert "WARNING: careful\nDO" in out
        out = shell.submit("SELECT name FROM %s ORDER BY id;" % table)
        assert "name\n----\na   \nNULL\n(2 rows)" in out
        shell.submit("SELECT nosuch", prompt=MORE)
        out = shell.submit("FROM %s;" % table)
        assert 'ERROR 42703: column "nosuch" does not exist\nLINE 1: SELECT nosuch\n               ^' in out
        # Ctrl-C sends a CancelRequest (PQcancel).
        shell.child.send("SELECT pg_sleep(30);\r")
        shell.child.expect_exact("\r\n")
        time.sleep(0.5)
        shell.child.send("\x03")
        shell.child.expect_exact("cancel requested")
        shell.child.expect_exact("ERROR 57014: canceling statement due to user request")
        shell.child.expect_exact("\x1b[J" + PROMPT)
        assert "DROP TABLE" in shell.submit("DROP TABLE %s;" % table)
        assert shell.quit() == 0
    finally:
        shell.close()


def test_connect_failure_is_reported(home):
    from conftest import free_port
    result = subprocess.run([tide_binary(), "shell", "--connect", "postgresql://127.0.0.1:%d/" % free_port()],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "could not connect" in result.stderr


def test_piped_input_runs_statements_and_meta_commands(tmp_path):
    script = "CREATE DATABASE d; USE d;\nCREATE TABLE t (id int, ts timestamp, INDEX(KEY=id, TS=ts));\n\\dt\n\\x\nSELECT 1 AS a;\n"
    result = subprocess.run([tide_binary(), "shell", "--data", str(tmp_path / "data")], input=script,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Tables\n------\nt     \n(1 row)\nExpanded display is on.\n-[ RECORD 1 ]\na | 1\n" in result.stdout


# MARK: - The screen, as tmux renders it


class Screen:
    """A `tide shell` in a tmux window of a given size, on a private tmux server."""

    def __init__(self, args, home, cols, rows=20):
        self.socket = "tide-shell-test-%s" % uuid.uuid4().hex[:8]
        command = " ".join([
            "env", "HOME=%s" % home, "TERM=xterm", "LC_ALL=C.UTF-8", tide_binary(), "shell"] + args)
        self.tmux("new-session", "-d", "-s", "s", "-x", str(cols), "-y", str(rows), command)
        try:
            self.wait_for(lambda lines: any(line.startswith(PROMPT.rstrip()) for line in lines))
        except BaseException:
            self.close()
            raise

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.socket] + list(args), check=True, capture_output=True,
                              text=True).stdout

    def lines(self):
        return [line.rstrip() for line in self.tmux("capture-pane", "-p", "-t", "s").split("\n")]

    def keys(self, *keys, literal=False):
        if literal:
            # As hex bytes: tmux would read a trailing ';' as a command separator.
            self.tmux("send-keys", "-t", "s", "-H", *["%02x" % b for b in "".join(keys).encode()])
        else:
            self.tmux("send-keys", "-t", "s", *keys)

    def wait_for(self, condition, timeout=30):
        deadline = time.time() + timeout
        while True:
            lines = self.lines()
            if condition(lines):
                return lines
            if time.time() > deadline:
                raise AssertionError("screen never matched:\n" + "\n".join(lines))
            time.sleep(0.05)

    def input_rows(self):
        """The rows from the last line starting with the prompt to the cursor's end."""
        lines = self.lines()
        while lines and lines[-1] == "":
            lines.pop()
        starts = [i for i, line in enumerate(lines) if line.startswith(PROMPT.rstrip())]
        return lines[starts[-1]:] if starts else []

    def cursor_in_input(self):
        """The cursor's column and row, counting rows from the prompt's row."""
        x, y = self.tmux("display-message", "-p", "-t", "s", "#{cursor_x},#{cursor_y}").strip().split(",")
        lines = self.lines()
        start = max(i for i, line in enumerate(lines) if line.startswith(PROMPT.rstrip()))
        return int(x), int(y) - start

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture()
def screen(tmp_path, home):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    s = Screen(["--data", str(tmp_path / "data")], home, cols=40)
    yield s
    s.close()


def wrapped(text, cols):
    return [text[i:i + cols] for i in range(0, len(text), cols)]


def test_long_lines_wrap_and_redraw(screen):
    # Prompt and statement fill exactly two 40-column rows.
    statement = "SELECT 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghij' AS the_long_value;"
    assert len(PROMPT + statement) == 80
    screen.keys(statement, literal=True)
    screen.wait_for(lambda lines: screen.input_rows() == wrapped(PROMPT + statement, 40))
    # Move back across the row boundary and insert: the input grows to a third row, every
    # row is redrawn in place and the cursor stays right after what was typed.
    screen.keys(*(["Left"] * 40))
    screen.keys("XY", literal=True)
    edited = statement[:-40] + "XY" + statement[-40:]
    screen.wait_for(lambda lines: screen.input_rows() == wrapped(PROMPT + edited, 40))
    offset = len(PROMPT) + len(statement) - 40 + 2
    assert screen.cursor_in_input() == (offset % 40, offset // 40)
    # Deleting shrinks the input back to two rows without leaving the third one behind.
    screen.keys(*(["BSpace"] * 6))
    shorter = statement[:-44] + statement[-40:]
    screen.wait_for(lambda lines: screen.input_rows() == wrapped(PROMPT + shorter, 40))
    screen.keys("Enter")
    screen.wait_for(lambda lines: "(1 row)" in lines)
    assert "abcdefghijklmnopqrstuv0123456789abcdefghij" in "".join(screen.lines())


def test_recalled_statement_redraws_on_several_rows(screen):
    for line in ["SELECT 1 AS a,", "  2 AS b;"]:
        screen.keys(line, literal=True)
        screen.keys("Enter")
    screen.wait_for(lambda lines: "(1 row)" in lines)
    screen.keys("Up")
    screen.wait_for(lambda lines: screen.input_rows() == [PROMPT + "SELECT 1 AS a,", MORE + "  2 AS b;"])
    # Down returns to the empty line: both rows of the recalled statement are cleared.
    screen.keys("Down")
    screen.wait_for(lambda lines: screen.input_rows() == [PROMPT.rstrip()])
    # Ctrl-C at the prompt discards what was typed and gives a new prompt.
    screen.keys("SELECT 'half", literal=True)
    screen.keys("C-c")
    screen.wait_for(lambda lines: lines and any(line.endswith("SELECT 'half^C") for line in lines)
                    and screen.input_rows() == [PROMPT.rstrip()])
