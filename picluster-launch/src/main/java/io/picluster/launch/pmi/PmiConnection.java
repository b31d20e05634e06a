package io.picluster.launch.pmi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One rank's PMI connection: the initack handshake, then one reply per request line. Over TCP (the
 * PMI port) a thread of its own reads the lines; a rank that is a thread of this JVM hands its lines
 * in directly ({@link #fromRank}) and gets its replies the same way, with the same checks.
 */
final class PmiConnection {
  /** Before initack nothing is trusted: a line may be at most this long. */
  static final int MAX_HANDSHAKE_LINE = 1 << 20;
  /** After initack values have no cap of their own (Open MPI's lines exceed 1024); this bounds memory. */
  static final int MAX_LINE = 64 << 20;
  /** A multi-line command ({@code mcmd=spawn ... endcmd}) may not run longer than this. */
  static final int MAX_MCMD_LINES = 100_000;

  private static final String INITACK = "cmd=initack pmiid=";

  private final PmiServer server;
  /** Null for a rank in this JVM. */
  private final Socket socket;
  /** A rank in this JVM: where its replies go, one line at a time; else null. */
  private final Consumer<String> replies;
  /** Serialises the requests of a rank in this JVM (one of its threads may abort while another waits). */
  private final Object requests = new Object();
  /** The peer's address (loopback for a rank in this JVM). */
  private final InetAddress address;
  private final String peer;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean identified;
  private volatile boolean finalized;
  private volatile boolean timedOut;
  private int rank = -1;
  private OutputStream out;

  PmiConnection(PmiServer server, Socket socket) {
    this.server = server;
    this.socket = socket;
    this.replies = null;
    this.address = socket.getInetAddress();
    this.peer = address.getHostAddress() + ":" + socket.getPort();
  }

  /** A rank that is a thread of this JVM; {@code replies} takes each reply line, without its newline. */
  PmiConnection(PmiServer server, Consumer<String> replies) {
    this.server = server;
    this.socket = null;
    this.replies = replies;
    this.address = InetAddress.getLoopbackAddress();
    this.peer = "a rank in this JVM";
  }

  boolean finalized() {
    return finalized;
  }

  void awaitClosed(Duration timeout) throws InterruptedException {
    closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void serve() {
    try {
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      PmiLineReader reader = new PmiLineReader(socket.getInputStream(), MAX_HANDSHAKE_LINE);
      server.scheduleHandshakeDeadline(this);
      String refusal = handshake(reader.readLine());
      if (refusal == SAID_NOTHING) {
        // Not junk: a rank killed while it connected, or a port check. Nothing to report.
        return;
      }
      if (refusal != null) {
        refuse(refusal);
        return;
      }
      reader.maxLine(MAX_LINE);
      String line;
      while ((line = reader.readLine()) != null) {
        handle(line, reader);
      }
    } catch (IOException e) {
      if (!identified) {
        if (e instanceof PmiProtocolException) {
          refuse("sent " + e.getMessage() + " before initack");
        } else if (timedOut) {
          refuse("sent no initack within " + server.handshakeTimeout().toMillis() + " ms");
        } else {
          refuse("the connection failed before initack: " + e.getMessage());
        }
      }
      // An identified rank that drops its connection is judged when its process exits.
    } finally {
      close();
    }
  }

  /** The handshake's answer for a connection closed before it sent a single line. */
  private static final String SAID_NOTHING = "closed before sending cmd=initack";

  /**
   * A request line from a rank in this JVM, handled in the rank's thread (no socket, no hand-off
   * between threads); null when the rank closes its connection. Refused as a TCP connection would
   * be: a first line that is no valid initack ends the connection.
   */
  void fromRank(String line) {
    synchronized (requests) {
      if (line == null) {
        close();
        return;
      }
      if (closed.getCount() == 0) {
        return; // refused or closed: a socket would be gone, and the rank sees its loss
      }
      try {
        if (!identified) {
          String refusal = line.length() > MAX_HANDSHAKE_LINE ? "sent a line longer than "
              + MAX_HANDSHAKE_LINE + " bytes before initack" : handshake(line);
          if (refusal != null) {
            refuse(refusal);
          }
        } else if (line.length() > MAX_LINE) {
          close();
        } else {
          handle(line, null);
        }
      } catch (IOException e) {
        close(); // only a socket's send fails; kept for the same handling
      }
    }
  }

  /** Checks the first line; returns why the connection is refused, or null. */
  private String handshake(String first) throws IOException {
    if (first == null) {
      return SAID_NOTHING;
    }
    if (!printableAscii(first)) {
      return "sent binary data instead of cmd=initack";
    }
    String id = initackId(first);
    if (id == null) {
      return "sent '" + abbreviate(first) + "' instead of cmd=initack pmiid=<id>";
    }
    int claimed = server.rankOf(Long.parseLong(id));
    if (claimed < 0) {
      return "pmiid " + id + " is no rank's id";
    }
    String taken = server.claim(claimed, this);
    if (taken != null) {
      return taken;
    }
    rank = claimed;
    identified = true;
    send(
        "cmd=initack\ncmd=set size="
            + server.size()
            + "\ncmd=set rank="
            + rank
            + "\ncmd=set debug=0\n");
    return null;
  }

  private void handle(String line, PmiLineReader reader) throws IOException {
    if (line.startsWith("mcmd=")) {
      String name = line.substring(5).trim();
      if (reader != null) {
        skipToEndcmd(reader); // a rank in this JVM (picluster-comm) sends none: its lines come as they come
      }
      send(name.equals("spawn") ? "cmd=spawn_result rc=-1\n" : unknown(name));
      return;
    }
    PmiCommand c = PmiCommand.parse(line);
    if (c == null) {
      send("cmd=error rc=-1 msg=expected_cmd\n");
      return;
    }
    switch (c.name()) {
      case "init" -> {
        boolean v1 = "1".equals(c.arg("pmi_version"));
        send(
            v1
                ? "cmd=response_to_init pmi_version=1 pmi_subversion=1 rc=0\n"
                : "cmd=response_to_init pmi_version=1 pmi_subversion=1 rc=-1\n");
      }
      case "get_maxes" -> send("cmd=maxes kvsname_max=256 keylen_max=64 vallen_max=1024\n");
      case "get_appnum" -> send("cmd=appnum appnum=0\n");
      case "get_universe_size" -> send("cmd=universe_size size=" + server.size() + "\n");
      case "get_my_kvsname" -> send("cmd=my_kvsname kvsname=" + server.kvs().name() + "\n");
      case "put" -> put(c);
      case "get" -> get(c);
      case "barrier_in" -> barrierIn();
      case "finalize" -> {
        finalized = true;
        send("cmd=finalize_ack\n");
      }
      case "abort" -> server.listener().aborted(rank, exitCode(c.arg("exitcode")));
      case "publish_name" -> send("cmd=publish_result rc=1 msg=publish_not_supported\n");
      case "unpublish_name" -> send("cmd=unpublish_result rc=1 msg=service_not_found\n");
      case "lookup_name" -> send("cmd=lookup_result rc=1 msg=service_not_found\n");
      default -> send(unknown(c.name()));
    }
  }

  private void put(PmiCommand c) throws IOException {
    String key = c.arg("key");
    String value = c.arg("value");
    if (key == null || key.isEmpty() || value == null) {
      send("cmd=put_result rc=-1 msg=put_needs_key_and_value\n");
      return;
    }
    server.kvs().put(key, value);
    send("cmd=put_result rc=0 msg=success\n");
  }

  private void get(PmiCommand c) throws IOException {
    String key = c.arg("key");
    if (key == null) {
      send("cmd=get_result rc=-1 msg=get_needs_a_key value=unknown\n");
      return;
    }
    String value;
    if (key.equals("PMI_process_mapping")) {
      value = server.processMapping().isEmpty() ? null : server.processMapping();
    } else if (key.equals("PMI_dead_processes")) {
      value = "";
    } else {
      value = server.kvs().get(key);
    }
    if (value == null) {
      // Never blocks: MPICH's pattern is put, barrier, get.
      send("cmd=get_result rc=-1 msg=key_" + key + "_not_found value=unknown\n");
    } else {
      send("cmd=get_result rc=0 msg=success value=" + value + "\n");
    }
  }

  private void barrierIn() throws IOException {
    List<PmiConnection> release;
    try {
      release = server.barrier().enter(rank, this);
    } catch (IllegalStateException twice) {
      send("cmd=barrier_out rc=-1 msg=barrier_entered_twice\n");
      return;
    }
    for (PmiConnection c : release) {
      try {
        c.send("cmd=barrier_out\n");
      } catch (IOException gone) {
        // That rank's exit is judged by the launcher.
      }
    }
  }

  private void skipToEndcmd(PmiLineReader reader) throws IOException {
    for (int i = 0; i < MAX_MCMD_LINES; i++) {
      String l = reader.readLine();
      if (l == null || l.equals("endcmd")) {
        return;
      }
    }
    throw new PmiProtocolException("a multi-line command without endcmd");
  }

  /**
   * The id of {@code cmd=initack pmiid=ID}, ID an optional '-' and 1 to 10 digits, trailing spaces
   * allowed; null for any other line. By hand: a regular expression's compilation cost every
   * launch a millisecond.
   */
  static String initackId(String line) {
    if (!line.startsWith(INITACK)) {
      return null;
    }
    int end = line.length();
    while (end > INITACK.length() && line.charAt(end - 1) == ' ') {
      end--;
    }
    String id = line.substring(INITACK.length(), end);
    int digits = id.startsWith("-") ? 1 : 0;
    if (id.length() - digits < 1 || id.length() - digits > 10) {
      return null;
    }
    for (int i = digits; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return null;
      }
    }
    return id;
  }

  private static String unknown(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_]", "_");
    if (safe.length() > 64) {
      safe = safe.substring(0, 64);
    }
    return "cmd=" + safe + "_result rc=-1 msg=unknown_command_" + safe + "\n";
  }

  private static int exitCode(String s) {
    try {
      return Integer.parseInt(s == null ? "" : s.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  synchronized void send(String reply) throws IOException {
    if (replies == null) {
      out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return;
    }
    if (closed.getCount() == 0) {
      throw new IOException("the connection is closed");
    }
    for (int start = 0, end; start < reply.length(); start = end + 1) {
      end = reply.indexOf('\n', start);
      end = end < 0 ? reply.length() : end;
      replies.accept(reply.substring(start, end));
    }
  }

  void handshakeDeadlinePassed() {
    if (!identified) {
      timedOut = true;
      close();
    }
  }

  private void refuse(String why) {
    if (!server.isClosed()) {
      server.listener().rejected("picluster: refused a PMI connection from " + peer + ": " + why);
      if (socket != null) {
        server.handshakeFailed(address); // a rank in this JVM is no stranger to lock out
      }
    }
    close();
  }

  /** Ends the connection; a rank in this JVM learns of it as it would of a socket's end. */
  void close() {
    if (socket == null) {
      boolean first;
      synchronized (this) {
        first = closed.getCount() > 0;
        closed.countDown(); // before the rank hears of it: send() refuses from now on
      }
      if (first) {
        server.forget(this);
        replies.accept(null);
      }
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing more to do
    }
    server.forget(socket);
    closed.countDown();
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
