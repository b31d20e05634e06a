package io.picluster.setup.keys;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code picluster keys}, run on the master: the tutorial's SSH step ("to and from the master"),
 * idempotent, with proof.
 *
 * <ol>
 *   <li>Your key: {@code ~/.ssh/id_ed25519} is made (ed25519, no passphrase, 0600) unless there
 *       is one; an existing key is never replaced.
 *   <li>Host keys: every node's ED25519 host key (the master's own included), fetched with
 *       ssh-keyscan over the backbone, goes into {@code ~/.ssh/known_hosts} under its address and
 *       name, and its fingerprint is printed (compare it with
 *       {@code ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub} on the node if in doubt). A different key already on record is reported and left alone.
 *   <li>Your key in the master's own {@code authorized_keys}, since setup commands (install,
 *       status, doctor...) reach every node over ssh, the master included; and on every worker
 *       whose BatchMode login fails: it asks once for that node's password and logs in with it
 *       once.
 *   <li>Back to the master: every worker gets its own key if it has none, that key goes into the
 *       master's {@code authorized_keys}, and the master's host key into the worker's
 *       {@code known_hosts}.
 *   <li>Proof: {@code ssh -o BatchMode=yes ... true} from the master to itself, to every worker
 *       and from every worker to the master, each pair listed, a failing one with its fix.
 * </ol>
 */
public final class ClusterKeys {
  private final Cluster cluster;
  private final Node master;
  private final PasswordPrompt prompt;
  private final PrintWriter out;
  private final KeyTransport transport;
  private final List<String> changes = new ArrayList<>();
  /** Workers left out of steps 3 and 4, with why (no answer, changed host key, no password). */
  private final Map<Node, String> skipped = new LinkedHashMap<>();
  private int width;

  /**
   * ASKPASSBASE: a folder where the one-off password helper may be written and run (e.g.
   * {@code ~/.cache/picluster}).
   */
  public ClusterKeys(Cluster cluster, PasswordPrompt prompt, PrintWriter out, Path askpassBase) {
    this(cluster, prompt, out, new SystemKeyTransport(cluster.masterNode(), askpassBase));
  }

  ClusterKeys(Cluster cluster, PasswordPrompt prompt, PrintWriter out, KeyTransport transport) {
    this.cluster = cluster;
    this.master = cluster.masterNode();
    this.prompt = prompt;
    this.out = out;
    this.transport = transport;
    for (Node n : cluster.nodes()) {
      width = Math.max(width, n.name().length());
    }
  }

  /** Does all five steps; true when every login in the proof works. */
  public boolean run() {
    try {
      Optional<PublicKeyLine> ours = ourKey();
      if (ours.isEmpty()) {
        return false;
      }
      Optional<PublicKeyLine> masterHostKey = hostKeys();
      installOurKey(ours.get());
      if (!cluster.workers().isEmpty()) {
        backToMaster(masterHostKey);
      }
      List<LoginCheck> checks = prove();
      summary(checks);
      return checks.stream().allMatch(LoginCheck::ok);
    } finally {
      transport.close();
    }
  }

  /** The changes made, one short phrase each (empty on a second run). */
  public List<String> changes() {
    return List.copyOf(changes);
  }

  // 1. Your key.

  private Optional<PublicKeyLine> ourKey() {
    NodeShell.Result r = transport.here(KeyScripts.ENSURE_KEY, List.of());
    Optional<PublicKeyLine> key = pubLine(r);
    if (!r.ok() || key.isEmpty()) {
      say("picluster keys: cannot make or read your key ~/.ssh/id_ed25519 on " + master.name()
          + ": " + r.lastError());
      return Optional.empty();
    }
    boolean created = has(r, "created");
    if (created) {
      changes.add("created your key");
    }
    String state = created ? "created now" : "already there";
    say("Your key: " + master.user() + "@" + master.name() + ":~/.ssh/id_ed25519 (" + state
        + "), " + key.get().fingerprint() + " " + key.get().comment());
    for (String change : words(r, "change")) {
      say("  " + change);
      changes.add(change);
    }
    return key;
  }

  // 2. Host keys.

  private Optional<PublicKeyLine> hostKeys() {
    say("");
    say("Host keys (ED25519), recorded in " + master.user() + "@" + master.name()
        + ":~/.ssh/known_hosts:");
    Map<Node, PublicKeyLine> keys = transport.scanHostKeys(cluster.nodes());
    for (Node n : cluster.nodes()) {
      PublicKeyLine k = keys.get(n);
      if (k == null) {
        say(row(n) + "no answer from SSH at " + n.address() + ":22");
        if (!n.equals(master)) {
          skipped.put(n, "its SSH server did not answer");
        }
        continue;
      }
      NodeShell.Result r = transport.here(KeyScripts.KNOW_HOST,
          List.of(k.type(), k.blob(), n.address(), n.name()));
      if (!r.ok()) {
        say(row(n) + k.fingerprint() + "  not recorded: " + r.lastError());
        continue;
      }
      List<String> changed = words(r, "changed");
      if (!changed.isEmpty()) {
        say(row(n) + k.fingerprint() + "  CHANGED: your known_hosts holds another key for "
            + String.join(" and ", changed));
        say(pad("") + "if " + n.name() + " was re-installed, run 'ssh-keygen -R " + n.address()
            + "; ssh-keygen -R " + n.name() + "' and then picluster keys again; if not, find out"
            + " who answers at " + n.address());
        if (!n.equals(master)) {
          skipped.put(n, "its host key is not the one on record");
        }
        continue;
      }
      List<String> added = words(r, "added");
      if (!added.isEmpty()) {
        changes.add("recorded " + n.name() + "'s host key");
      }
      say(row(n) + k.fingerprint() + "  " + (added.isEmpty() ? "already known" : "recorded now"));
    }
    return Optional.ofNullable(keys.get(master));
  }

  // 3. Your key on the master itself and on every worker.

  private void installOurKey(PublicKeyLine ours) {
    say("");
    say("Your key on the nodes (" + master.name() + " too: picluster's setup commands log in to"
        + " every node):");
    authorizeOnMaster(ours);
    if (cluster.workers().isEmpty()) {
      say(pad("") + "no workers in " + (cluster.source() == null ? "the cluster file"
          : cluster.source()));
    }
    List<Node> candidates = new ArrayList<>();
    for (Node w : cluster.workers()) {
      if (!skipped.containsKey(w)) {
        candidates.add(w);
      }
    }
    Map<Node, NodeShell.Result> probes = parallel(candidates, w -> transport.on(w, "true", List.of()));
    for (Node w : cluster.workers()) {
      NodeShell.Result probe = probes.get(w);
      if (probe == null) {
        say(row(w) + "skipped: " + skipped.get(w));
        continue;
      }
      if (probe.ok()) {
        say(row(w) + "already accepts it");
        continue;
      }
      String messages = probe.stderr();
      if (!messages.contains("Permission denied")) {
        SshFailure f = SshFailure.explain(messages, master, w);
        say(row(w) + "cannot log in: " + f.reason());
        say(pad("") + "fix: " + f.fix());
        skipped.put(w, "it cannot be reached: " + f.reason());
        continue;
      }
      if (!SshFailure.offersPassword(messages)) {
        say(row(w) + "refuses your key and takes no password (" + SshFailure.reasonLine(messages)
            + ")");
        say(pad("") + "fix: put " + ours.comment() + "'s key (" + master.name()
            + ":~/.ssh/id_ed25519.pub) into " + w.user() + "@" + w.name()
            + ":~/.ssh/authorized_keys another way (at its keyboard), or allow password logins"
            + " there for a moment (PasswordAuthentication yes), then run picluster keys again");
        skipped.put(w, "it takes neither your key nor a password");
        continue;
      }
      installWithPassword(w, ours);
    }
  }

  /** Your key into the master's own authorized_keys: no password needed, it is this machine. */
  private void authorizeOnMaster(PublicKeyLine ours) {
    NodeShell.Result r = transport.here(KeyScripts.AUTHORIZE, List.of(ours.line(), ours.key()));
    if (!r.ok()) {
      say(row(master) + "NOT added to its own authorized_keys: " + r.lastError());
      say(pad("") + "fix: check that " + master.user() + " owns ~/.ssh and"
          + " ~/.ssh/authorized_keys on " + master.name() + " and the disk is not full, then run"
          + " picluster keys again");
    } else if (has(r, "added")) {
      changes.add("added your key to " + master.name() + "'s own authorized_keys");
      say(row(master) + "added to its own authorized_keys");
    } else {
      say(row(master) + "already in its own authorized_keys");
    }
    for (String warning : words(r, "warn")) {
      say(pad("") + "warning: " + warning);
    }
  }

  private void installWithPassword(Node w, PublicKeyLine ours) {
    char[] password;
    try {
      out.flush();
      password = prompt.passwordFor(w);
    } catch (PasswordPrompt.Unavailable e) {
      say(row(w) + "needs " + w.user() + "'s password to install your key, but " + e.getMessage());
      say(pad("") + "fix: run picluster keys on a terminal, which asks for it, or give it with"
          + " --password-stdin");
      skipped.put(w, "no password for it");
      return;
    }
    NodeShell.Result r;
    try {
      r = transport.installWithPassword(w, ours, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (r.ok() && (has(r, "added") || has(r, "present"))) {
      if (has(r, "added")) {
        changes.add("installed your key on " + w.name());
      }
      say(row(w) + (has(r, "added") ? "installed, with " + w.user() + "'s password"
          : "was already in its authorized_keys"));
      for (String warning : words(r, "warn")) {
        say(pad("") + "warning: " + warning);
      }
      return;
    }
    String messages = r.stderr();
    if (messages.contains("Permission denied")) {
      say(row(w) + "the password was not accepted (" + SshFailure.reasonLine(messages) + ")");
      say(pad("") + "fix: run picluster keys again and type " + w.user() + "'s password on "
          + w.name());
      skipped.put(w, "its password was not accepted");
    } else {
      SshFailure f = SshFailure.explain(messages + "\n" + r.lastError(), master, w);
      say(row(w) + "could not install it: " + f.reason());
      say(pad("") + "fix: " + f.fix());
      skipped.put(w, "installing your key failed");
    }
  }

  // 4. Every worker's key back to the master, and the master's host key to every worker.

  private void backToMaster(Optional<PublicKeyLine> masterHostKey) {
    say("");
    say("Back to the master: each worker's key into " + master.name()
        + "'s authorized_keys, " + master.name() + "'s host key into the worker's known_hosts:");
    List<Node> reachable = new ArrayList<>();
    for (Node w : cluster.workers()) {
      if (!skipped.containsKey(w)) {
        reachable.add(w);
      }
    }
    record WorkerSide(NodeShell.Result key, NodeShell.Result hostKey) {}
    Map<Node, WorkerSide> sides = parallel(reachable, w -> {
      if (masterHostKey.isEmpty()) {
        return new WorkerSide(transport.on(w, KeyScripts.ENSURE_KEY, List.of()), null);
      }
      // One session for both: the key's lines and then the host key's.
      NodeShell.Result both = transport.on(w, KeyScripts.ENSURE_KEY_AND_KNOW_HOST, List.of(
          masterHostKey.get().type(), masterHostKey.get().blob(), master.address(), master.name()));
      return new WorkerSide(both, both);
    });
    for (Node w : cluster.workers()) {
      WorkerSide side = sides.get(w);
      if (side == null) {
        say(row(w) + "skipped: " + skipped.get(w));
        continue;
      }
      Optional<PublicKeyLine> key = pubLine(side.key());
      if (!side.key().ok() || key.isEmpty()) {
        say(row(w) + "cannot make or read its key: " + side.key().lastError());
        continue;
      }
      List<String> said = new ArrayList<>();
      boolean created = has(side.key(), "created");
      if (created) {
        changes.add("created " + w.name() + "'s key");
      }
      said.add("its key " + key.get().fingerprint() + (created ? " created now" : ""));
      for (String change : words(side.key(), "change")) {
        changes.add(w.name() + ": " + change);
        said.add(change);
      }
      NodeShell.Result auth = transport.here(KeyScripts.AUTHORIZE,
          List.of(key.get().line(), key.get().key()));
      if (!auth.ok()) {
        said.add("NOT added to " + master.name() + "'s authorized_keys: " + auth.lastError());
      } else if (has(auth, "added")) {
        changes.add("added " + w.name() + "'s key to " + master.name() + "'s authorized_keys");
        said.add("added to " + master.name() + "'s authorized_keys");
      } else {
        said.add("already in " + master.name() + "'s authorized_keys");
      }
      String hostKeyNote = null;
      if (side.hostKey() == null) {
        said.add(master.name() + "'s host key unknown (its SSH server did not answer)");
      } else if (!side.hostKey().ok()) {
        said.add(master.name() + "'s host key not recorded: " + side.hostKey().lastError());
      } else if (!words(side.hostKey(), "changed").isEmpty()) {
        said.add(w.name() + " holds ANOTHER host key for " + master.name());
        hostKeyNote = "if " + master.name() + " was re-installed, run 'ssh-keygen -R "
            + master.address() + "; ssh-keygen -R " + master.name() + "' as " + w.user() + " on "
            + w.name() + ", then picluster keys again";
      } else if (!words(side.hostKey(), "added").isEmpty()) {
        changes.add("recorded " + master.name() + "'s host key on " + w.name());
        said.add(master.name() + "'s host key recorded");
      } else {
        said.add(master.name() + "'s host key already known");
      }
      say(row(w) + String.join("; ", said));
      for (String warning : words(auth, "warn")) {
        say(pad("") + "warning: " + warning);
      }
      if (hostKeyNote != null) {
        say(pad("") + "fix: " + hostKeyNote);
      }
    }
  }

  // 5. Proof, both directions.

  private List<LoginCheck> prove() {
    say("");
    say("BatchMode SSH (no password, no prompt), as picluster uses it:");
    List<Node> workers = cluster.workers();
    LoginCheck self = proveSelf();
    Map<Node, LoginCheck[]> pairs = parallel(workers, w -> {
      // Logging in to the worker to try the way back proves the way there.
      NodeShell.Result back = transport.on(w, KeyScripts.PROVE, List.of(master.sshTarget()));
      int rc = exitCodeLine(back);
      if (rc < 0) {
        LoginCheck there = LoginCheck.fails(master, w,
            SshFailure.explain(back.stderr() + "\n" + back.lastError(), master, w));
        LoginCheck untested = LoginCheck.untested(w, master, master.name() + " cannot log in to "
            + w.name() + " to try it");
        return new LoginCheck[] {there, untested};
      }
      LoginCheck backCheck = rc == 0 ? LoginCheck.works(w, master)
          : LoginCheck.fails(w, master, SshFailure.explain(afterFirstLine(back.stdout()), w, master));
      return new LoginCheck[] {LoginCheck.works(master, w), backCheck};
    });
    List<LoginCheck> checks = new ArrayList<>(List.of(self));
    for (Node w : workers) {
      checks.addAll(Arrays.asList(pairs.get(w)));
    }
    int pairWidth = 0;
    for (LoginCheck c : checks) {
      pairWidth = Math.max(pairWidth, c.pair().length());
    }
    for (LoginCheck c : checks) {
      String p = "  " + String.format("%-" + pairWidth + "s", c.pair()) + "  ";
      if (c.ok()) {
        say(p + "ok");
      } else if (c.untestedBecause() != null) {
        say(p + "not tested: " + c.untestedBecause());
      } else {
        say(p + "FAILS: " + c.failure().reason());
        say(" ".repeat(p.length()) + "fix: " + c.failure().fix());
      }
    }
    return checks;
  }

  /** The master's login to itself, tried here as the worker's way back is tried there. */
  private LoginCheck proveSelf() {
    NodeShell.Result r = transport.here(KeyScripts.PROVE, List.of(master.sshTarget()));
    int rc = exitCodeLine(r);
    if (rc == 0) {
      return LoginCheck.works(master, master);
    }
    String messages = rc < 0 ? r.stderr() + "\n" + r.lastError() : afterFirstLine(r.stdout());
    return LoginCheck.fails(master, master, SshFailure.explain(messages, master, master));
  }

  private void summary(List<LoginCheck> checks) {
    say("");
    if (changes.isEmpty()) {
      say("Nothing changed: every key was already in place.");
    } else {
      say(changes.size() + (changes.size() == 1 ? " change: " : " changes: ")
          + String.join(", ", changes) + ".");
    }
    long failing = checks.stream().filter(c -> !c.ok()).count();
    if (failing == 0 && checks.size() == 1) {
      say(master.name() + "'s login to itself works.");
    } else if (failing == 0) {
      say("All " + checks.size() + " logins work, to and from " + master.name() + ".");
    } else {
      StringBuilder which = new StringBuilder();
      for (LoginCheck c : checks) {
        if (!c.ok()) {
          which.append(which.length() == 0 ? "" : ", ").append(c.pair());
        }
      }
      say(failing + " of " + checks.size() + " logins fail (" + which
          + "); fix them as said above and run picluster keys again.");
    }
  }

  // Helpers.

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  private String row(Node n) {
    return pad(n.name()) + padTo(n.address(), 15) + "  ";
  }

  private String pad(String name) {
    return "  " + String.format("%-" + width + "s", name) + "  ";
  }

  private static String padTo(String s, int w) {
    return String.format("%-" + w + "s", s);
  }

  /** The {@code pub LINE} line of ENSURE_KEY's answer. */
  private static Optional<PublicKeyLine> pubLine(NodeShell.Result r) {
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("pub ")) {
        return PublicKeyLine.parse(line.substring(4));
      }
    }
    return Optional.empty();
  }

  /** Whether the answer has a line that is just WORD. */
  private static boolean has(NodeShell.Result r, String word) {
    for (String line : r.stdout().split("\n")) {
      if (line.strip().equals(word)) {
        return true;
      }
    }
    return false;
  }

  /** The rest of every {@code WORD REST} line of the answer. */
  private static List<String> words(NodeShell.Result r, String word) {
    List<String> found = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith(word + " ")) {
        found.add(line.substring(word.length() + 1).strip());
      }
    }
    return found;
  }

  /** PROVE's {@code rc N}; -1 when the script itself did not run. */
  private static int exitCodeLine(NodeShell.Result r) {
    if (!r.ok()) {
      return -1;
    }
    String first = r.stdout().split("\n", 2)[0];
    try {
      return first.startsWith("rc ") ? Integer.parseInt(first.substring(3).strip()) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String afterFirstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? "" : s.substring(nl + 1);
  }

  /** FN for every node at once, results in the nodes' order; FN's own failure is rethrown. */
  static <T> Map<Node, T> parallel(List<Node> nodes, Function<Node, T> fn) {
    List<Thread> threads = new ArrayList<>();
    Object[] slots = new Object[nodes.size()];
    RuntimeException[] failure = {null};
    for (int i = 0; i < nodes.size(); i++) {
      int k = i;
      Thread t = new Thread(() -> {
        try {
          T v = fn.apply(nodes.get(k));
          synchronized (slots) {
            slots[k] = v;
          }
        } catch (RuntimeException e) {
          synchronized (slots) {
            failure[0] = e;
          }
        }
      }, "keys-" + nodes.get(i).name());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    Map<Node, T> results = new LinkedHashMap<>();
    synchronized (slots) {
      if (failure[0] != null) {
        throw failure[0];
      }
      for (int i = 0; i < nodes.size(); i++) {
        @SuppressWarnings("unchecked")
        T v = (T) slots[i];
        results.put(nodes.get(i), v);
      }
    }
    return results;
  }
}
