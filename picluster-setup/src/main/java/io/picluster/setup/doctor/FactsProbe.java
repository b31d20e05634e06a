package io.picluster.setup.doctor;

import io.picluster.launch.detect.ElfArch;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Doctor's own probe: one POSIX shell script, run on every node at once over ssh (as {@link
 * NodeShell} runs scripts: BatchMode, a bounded connect, a deadline), printing {@code key=value}
 * lines that {@link #parse} turns into {@link NodeFacts}: the node's host name, its IPv4 addresses
 * ({@code ip -4 -o addr show}), what its resolver says for its own name and every node's
 * ({@code getent ahostsv4}, which lists every address /etc/hosts gives a name, in the resolver's
 * order), the program's SHA-256 and mode, and the first bytes of the node's java and of the program
 * (their ELF architecture: {@link NodeArch}). Whether the ssh call itself worked is the ssh check.
 */
public final class FactsProbe {
  /** How long a node may take: ssh's connect timeout, then a handful of quick commands. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  static final String BEGIN = "picluster-doctor-begin";
  static final String END = "picluster-doctor-end";

  /** Arguments: the program's path (empty for none), then the names to look up. */
  public static final String SCRIPT = String.join("\n",
      "p=$1; shift",
      "o() { printf '%s=%s\\n' \"$1\" \"$2\"; }",
      // A file's ELF header (its first 20 bytes) as hex, for its architecture.
      "elf() { od -An -tx1 -N" + ElfArch.HEADER + " \"$1\" 2>/dev/null | tr -d ' \\n'; }",
      "echo " + BEGIN,
      "h=$(uname -n 2>/dev/null)",
      "o hostname \"$h\"",
      "o machine \"$(uname -m 2>/dev/null)\"",
      "if j=$(command -v java 2>/dev/null); then o java_elf \"$j $(elf \"$j\")\"; fi",
      "if command -v ip >/dev/null 2>&1; then",
      "  o addr_tool ip",
      "  ip -4 -o addr show 2>/dev/null | while IFS= read -r l; do o addr \"$l\"; done",
      "fi",
      "if command -v getent >/dev/null 2>&1; then",
      "  o resolve_tool getent",
      "  for n in \"$h\" \"$@\"; do",
      "    [ -n \"$n\" ] || continue",
      "    r=$(getent ahostsv4 \"$n\" 2>/dev/null | while read -r a x; do printf '%s ' \"$a\"; done)",
      "    o \"resolve $n\" \"$r\"",
      "  done",
      "fi",
      "if [ -n \"$p\" ]; then",
      "  if [ ! -e \"$p\" ]; then o program missing",
      "  elif [ ! -f \"$p\" ]; then o program notfile",
      "  elif [ ! -r \"$p\" ]; then o program unreadable",
      "  elif ! command -v sha256sum >/dev/null 2>&1; then o program nosha",
      "  elif s=$(sha256sum <\"$p\" 2>/dev/null); then",
      "    o program file; o program_sha256 \"${s%% *}\"",
      "    if [ -x \"$p\" ]; then o program_exec yes; else o program_exec no; fi",
      "  else o program unreadable",
      "  fi",
      "fi",
      // Which MPI the program uses: ldd's libraries of it, or of the mpi4py a script imports.
      "mpi_libs() {",
      "  if ! command -v ldd >/dev/null 2>&1; then o program_mpi_unknown 'no ldd there'; return; fi",
      "  o program_mpi_via \"$1\"",
      "  o program_elf \"$(elf \"$1\")\"",
      "  ldd \"$1\" 2>/dev/null | while read -r n a f x; do",
      "    case $n in libmpich.so*|libmpi.so.*|libopen-rte.so*|libpmix.so*|libprrte.so*)",
      "      case $f in /*) r=$(readlink -f \"$f\" 2>/dev/null); r=${r##*/};; *) r=missing;; esac",
      "      o program_mpi_lib \"$n ${r:-missing}\";;",
      "    esac",
      "  done",
      "}",
      "if [ -n \"$p\" ] && [ -f \"$p\" ] && [ -r \"$p\" ]; then",
      "  if [ \"$(head -c 4 \"$p\" 2>/dev/null)\" = \"$(printf '\\177ELF')\" ]; then mpi_libs \"$p\"",
      "  else",
      "    py=",
      "    l=$(head -n 1 \"$p\" 2>/dev/null)",
      "    case $l in '#!'*python*) for w in ${l#??}; do case ${w##*/} in python*) py=$w;; esac; done;; esac",
      "    case $p in *.py) [ -n \"$py\" ] || py=python3;; esac",
      "    if [ -z \"$py\" ]; then o program_mpi_unknown 'a script: its MPI, if any, is what it runs'",
      "    elif ! grep -q mpi4py \"$p\" 2>/dev/null; then o program_mpi_none script",
      "    elif m=$(\"$py\" -c " + "'" + "import sys, importlib.util as u; sys.path.insert(0, sys.argv[1]);"
          + " s = u.find_spec(\"mpi4py.MPI\"); print(s.origin if s and s.origin else \"\")" + "'"
          + " \"${p%/*}\" 2>/dev/null) && [ -n \"$m\" ]; then mpi_libs \"$m\"",
      "    else o program_mpi_unknown \"$py finds no mpi4py there\"",
      "    fi",
      "  fi",
      "fi",
      "echo " + END,
      "");

  private FactsProbe() {}

  /** Probes every node at once; results in the nodes' order. */
  public static List<NodeFacts> probe(List<Node> nodes, List<String> names, String programPath,
      Duration deadline) {
    List<String> args = new ArrayList<>();
    args.add(programPath == null ? "" : programPath);
    args.addAll(names);
    Map<Node, NodeShell.Result> results = NodeShell.runAll(nodes, SCRIPT, args, deadline);
    List<NodeFacts> facts = new ArrayList<>();
    for (Node n : nodes) {
      NodeShell.Result r = results.get(n);
      facts.add(r == null ? NodeFacts.unanswered(n, new NodeShell.Result(n, -1, "",
          "interrupted", false)) : parse(n, r));
    }
    return facts;
  }

  /** Turns what a node answered into its facts. */
  public static NodeFacts parse(Node node, NodeShell.Result r) {
    if (r.timedOut()) {
      return NodeFacts.unanswered(node, r);
    }
    boolean begun = false;
    boolean ended = false;
    String hostname = null;
    boolean ipTool = false;
    boolean getent = false;
    List<InterfaceAddress> addresses = new ArrayList<>();
    Map<String, List<String>> resolved = new LinkedHashMap<>();
    String program = null;
    String sha = null;
    boolean exec = false;
    ProgramMpi.Builder mpi = new ProgramMpi.Builder();
    NodeArch.Builder arch = new NodeArch.Builder();
    for (String line : r.stdout().split("\n")) {
      if (!begun) {
        begun = line.equals(BEGIN); // anything before it is the login shell talking
        continue;
      }
      if (line.equals(END)) {
        ended = true;
        break;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      switch (key) {
        case "hostname" -> hostname = value.isBlank() ? null : value.strip();
        case "addr_tool" -> ipTool = true;
        case "addr" -> {
          InterfaceAddress a = InterfaceAddress.parse(value);
          if (a != null) {
            addresses.add(a);
          }
        }
        case "resolve_tool" -> getent = true;
        case "program" -> program = value.strip();
        case "program_sha256" -> sha = value.strip().matches("[0-9a-f]{64}") ? value.strip() : null;
        case "program_exec" -> exec = value.strip().equals("yes");
        case "program_mpi_via", "program_mpi_lib", "program_mpi_unknown", "program_mpi_none" ->
            mpi.add(key, value.strip());
        case "machine", "java_elf", "program_elf" -> arch.add(key, value);
        default -> {
          if (key.startsWith("resolve ")) {
            resolved.put(key.substring("resolve ".length()), addresses(value));
          }
        }
      }
    }
    if (!ended) {
      return NodeFacts.unanswered(node, r);
    }
    if ("file".equals(program) && sha == null) {
      program = "unreadable";
    }
    return new NodeFacts(node, r, true, hostname, ipTool ? List.copyOf(addresses) : null,
        getent ? resolved : null, program, sha, exec, programPathAsked(program) ? mpi.build() : null,
        arch.build());
  }

  /** Only a file that is there has an MPI to tell of; a missing one is the program check's. */
  private static boolean programPathAsked(String program) {
    return "file".equals(program) || "nosha".equals(program);
  }

  /** {@code "127.0.1.1 10.0.0.3 "} (getent's lines, one per socket type) as distinct addresses. */
  private static List<String> addresses(String value) {
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (String w : value.strip().split("\\s+")) {
      if (!w.isEmpty()) {
        set.add(w);
      }
    }
    return List.copyOf(set);
  }
}
