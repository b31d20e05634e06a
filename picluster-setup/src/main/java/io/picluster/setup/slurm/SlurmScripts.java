package io.picluster.setup.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell that {@code picluster slurm} runs on the nodes over ssh. Everything that changes a node
 * runs as root: directly when the login user is root, else through {@code sudo -n} (never a
 * prompt). {@code --dry-run} prints these scripts as they would run.
 */
final class SlurmScripts {
  private SlurmScripts() {}

  /** Where the munge key lives on every node (owner munge, mode 0400). */
  static final String MUNGE_KEY = "/etc/munge/munge.key";

  /** Runs the script given as $1 as root, with the other arguments and this script's input. */
  static final String AS_ROOT = String.join("\n",
      "s=$1; shift",
      "if [ \"$(id -u)\" = 0 ]; then exec sh -c \"$s\" picluster-slurm \"$@\"; fi",
      "if ! command -v sudo >/dev/null 2>&1; then echo 'picluster-slurm: no-sudo' >&2; exit 3; fi",
      "exec sudo -n sh -c \"$s\" picluster-slurm \"$@\"",
      "");

  /**
   * On the controller, as root: keeps its munge key, or makes one (1024 random bytes) if it has
   * none, and prints it (base64) for the other nodes.
   */
  static final String CONTROLLER_KEY = String.join("\n",
      "set -e",
      "PATH=$PATH:/usr/sbin:/sbin",
      "k=" + MUNGE_KEY,
      "if [ ! -s \"$k\" ]; then",
      "  install -d -o munge -g munge -m 700 /etc/munge",
      "  t=$(mktemp \"$k.picluster.XXXXXX\")",
      "  dd if=/dev/urandom of=\"$t\" bs=1024 count=1 2>/dev/null",
      "  chown munge:munge \"$t\"; chmod 400 \"$t\"; mv -f \"$t\" \"$k\"",
      "  echo \"picluster-slurm: made $k\" >&2",
      "fi",
      "printf 'key='; base64 -w 0 \"$k\"; echo",
      "");

  /**
   * The helpers of every node's set-up: the node reads the munge key (base64) from its input, and
   * gets slurm.conf (base64) as $2. {@code put PATH MODE OWNER BASE64} writes a file only if its
   * content, mode or owner differ (then "changed" is set); {@code svc NAME} enables a systemd unit
   * and restarts it if a file changed or it is not running; {@code daemon NAME PIDFILE CMD...} does
   * the same without systemd: stops the daemon by its PID file and starts CMD.
   */
  static final String HELPERS = String.join("\n",
      "set -e",
      "PATH=$PATH:/usr/sbin:/sbin",
      "IFS= read -r key || :",
      "conf=$2",
      "changed=",
      "put() {",
      "  t=$(mktemp \"$1.picluster.XXXXXX\")",
      "  printf '%s' \"$4\" | base64 -d >\"$t\"",
      "  chown \"$3\" \"$t\"; chmod \"$2\" \"$t\"",
      "  if [ -f \"$1\" ] && cmp -s \"$t\" \"$1\" \\",
      "      && [ \"$(stat -c %a:%U:%G \"$t\")\" = \"$(stat -c %a:%U:%G \"$1\")\" ]; then",
      "    rm -f \"$t\"",
      "  else",
      "    mv -f \"$t\" \"$1\"; changed=yes; echo \"wrote $1\"",
      "  fi",
      "}",
      "svc() {",
      "  systemctl enable --quiet \"$1\"",
      "  if [ -n \"$changed\" ] || ! systemctl is-active --quiet \"$1\"; then",
      "    systemctl restart \"$1\"; echo \"restarted $1\"",
      "  fi",
      "}",
      "running() { [ -s \"$1\" ] && kill -0 \"$(cat \"$1\")\" 2>/dev/null; }",
      "daemon() {",
      "  d=$1; p=$2; shift 2",
      "  if [ -z \"$changed\" ] && running \"$p\"; then return 0; fi",
      "  if running \"$p\"; then",
      "    kill \"$(cat \"$p\")\"; n=0",
      "    while running \"$p\" && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done",
      "  fi",
      "  \"$@\" </dev/null >/dev/null 2>&1",
      "  echo \"started $d\"",
      "}",
      "");

  /**
   * One node's set-up after the helpers: folders, the key and slurm.conf, then the daemons:
   * munge everywhere, slurmctld on the controller, slurmd everywhere. With systemd they are
   * enabled (started at boot) and restarted as needed; without it (a container, a namespace) they
   * are started directly and do not come back after a reboot by themselves.
   */
  static List<String> nodeCommands(boolean controller, boolean systemd) {
    List<String> c = new ArrayList<>();
    c.add("install -d -m 755 /etc/slurm");
    c.add("install -d -o munge -g munge -m 700 /etc/munge /var/lib/munge /var/log/munge");
    c.add("install -d -o slurm -g slurm -m 755 /var/lib/slurm /var/log/slurm");
    if (controller) {
      c.add("install -d -o slurm -g slurm -m 700 /var/lib/slurm/slurmctld");
    }
    c.add("install -d -m 755 /var/lib/slurm/slurmd");
    c.add("put " + MUNGE_KEY + " 400 munge:munge \"$key\"");
    c.add("put " + SlurmConf.PATH + " 644 root:root \"$conf\"");
    if (systemd) {
      c.add("svc munge");
      if (controller) {
        c.add("svc slurmctld");
      }
      c.add("svc slurmd");
    } else {
      c.add("install -d -o munge -g munge -m 755 /run/munge");
      c.add("daemon munged /run/munge/munged.pid runuser -u munge -- munged");
      if (controller) {
        c.add("daemon slurmctld /run/slurmctld.pid slurmctld");
      }
      c.add("daemon slurmd /run/slurmd.pid slurmd");
    }
    return c;
  }

  /** The whole script of one node. */
  static String nodeScript(boolean controller, boolean systemd) {
    return HELPERS + String.join("\n", nodeCommands(controller, systemd)) + "\n";
  }

  /**
   * On the controller, as the login user: waits (at most 60 s) until all $1 nodes are idle, then
   * runs hostname on each with srun; on failure prints each node's state and reason.
   */
  static final String PROVE = String.join("\n",
      "PATH=$PATH:/usr/sbin:/sbin",
      "n=$1; i=0",
      "while [ $i -lt 120 ]; do",
      "  c=$(sinfo -h -N -t idle -o %N 2>/dev/null | sort -u | wc -l)",
      "  if [ \"$c\" -ge \"$n\" ]; then break; fi",
      "  sleep 0.5; i=$((i+1))",
      "done",
      "timeout 60 srun --immediate=30 -N \"$n\" --ntasks-per-node=1 hostname; s=$?",
      "if [ $s -ne 0 ]; then sinfo -h -N -o 'picluster-state %N %T %E' 2>&1 || :; fi",
      "exit $s",
      "");
}
