package io.picluster.setup.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The port probe that doctor starts on every node (JDK only, so any picluster jar carries it):
 * a real TCP test between every pair of nodes, both ways, on the backbone.
 *
 * <p>{@code java -cp picluster.jar io.picluster.setup.doctor.PortProbe ADDRESS SECONDS}
 *
 * <ol>
 *   <li>Listens on ADDRESS (the node's backbone address) on an ephemeral port, as a job's ranks
 *       do, and prints {@code picluster-port listening PORT} (or {@code listen-failed REASON}).
 *       Every connection it accepts is sent one byte and closed.
 *   <li>Reads {@code connect ADDRESS PORT} lines from standard input up to a line {@code go}, then
 *       connects to all of them at once from ADDRESS, each within 2 s, reads the byte, and prints
 *       {@code picluster-port ok ADDRESS PORT} or {@code picluster-port fail ADDRESS PORT REASON}
 *       for each, then {@code picluster-port done}.
 *   <li>Keeps listening (the others may still be connecting to it) until standard input ends, and
 *       in any case ends itself after SECONDS.
 * </ol>
 *
 * <p>It never exits with code 1, so the script that starts it can tell "no such class in this
 * jar" (java's exit code 1) from the probe's own end.
 */
public final class PortProbe {
  public static final String PREFIX = "picluster-port ";
  /** How long one connection may take to be accepted and answer. */
  public static final int CONNECT_TIMEOUT_MS = 2000;

  private final InetAddress local;
  private final PrintStream out;

  private PortProbe(InetAddress local, PrintStream out) {
    this.local = local;
    this.out = out;
  }

  public static void main(String[] args) {
    int code;
    try {
      if (args.length != 2) {
        System.err.println("usage: PortProbe ADDRESS SECONDS");
        System.exit(2);
      }
      long limitMs = (long) (Double.parseDouble(args[1]) * 1000);
      Thread limit = new Thread(() -> {
        try {
          Thread.sleep(limitMs);
        } catch (InterruptedException e) {
          return;
        }
        System.out.println(PREFIX + "time-limit");
        System.out.flush();
        Runtime.getRuntime().halt(0);
      }, "port-probe-limit");
      limit.setDaemon(true);
      limit.start();
      run(InetAddress.getByName(args[0]), System.in, System.out);
      code = 0;
    } catch (Throwable t) {
      System.out.println(PREFIX + "error " + oneLine(t));
      code = 3;
    }
    System.out.flush();
    Runtime.getRuntime().halt(code); // the acceptor is still blocked in accept
  }

  /** The probe's work, for main and tests: returns when {@code in} ends. */
  public static void run(InetAddress local, InputStream in, OutputStream output)
      throws IOException {
    PrintStream out = output instanceof PrintStream p ? p
        : new PrintStream(output, true, StandardCharsets.UTF_8);
    new PortProbe(local, out).run(in);
  }

  private void run(InputStream in) throws IOException {
    ServerSocket server = null;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(local, 0), 64);
      ServerSocket s = server;
      Thread acceptor = new Thread(() -> accept(s), "port-probe-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      say("listening " + server.getLocalPort());
    } catch (IOException e) {
      say("listen-failed " + oneLine(e));
      if (server != null) {
        server.close();
        server = null;
      }
    }
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> targets = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        String[] w = line.strip().split("\\s+");
        if (w.length == 3 && w[0].equals("connect")) {
          targets.add(new String[] {w[1], w[2]});
        } else if (w[0].equals("go")) {
          connectAll(targets);
          targets.clear();
          say("done");
        }
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoLinger(true, 1);
        s.getOutputStream().write('P');
        s.getOutputStream().flush();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void connectAll(List<String[]> targets) {
    List<Thread> threads = new ArrayList<>();
    for (String[] t : targets) {
      Thread th = new Thread(() -> say(connect(t[0], t[1])), "port-probe-" + t[0]);
      th.setDaemon(true);
      th.start();
      threads.add(th);
    }
    long deadline = System.nanoTime() + 3L * CONNECT_TIMEOUT_MS * 1_000_000L;
    for (Thread th : threads) {
      try {
        th.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One connection: "ok ADDRESS PORT" or "fail ADDRESS PORT REASON". */
  String connect(String address, String port) {
    String target = address + " " + port;
    int p;
    InetAddress to;
    try {
      p = Integer.parseInt(port);
      to = InetAddress.getByName(address);
    } catch (IOException | NumberFormatException e) {
      return "fail " + target + " bad target: " + oneLine(e);
    }
    try (Socket s = new Socket()) {
      try {
        s.bind(new InetSocketAddress(local, 0));
      } catch (BindException e) {
        return "fail " + target + " cannot use " + local.getHostAddress() + " here: " + oneLine(e);
      }
      s.connect(new InetSocketAddress(to, p), CONNECT_TIMEOUT_MS);
      s.setSoTimeout(CONNECT_TIMEOUT_MS);
      int b = s.getInputStream().read();
      return b == 'P' ? "ok " + target
          : "fail " + target + " connected, but the listener's answer did not arrive";
    } catch (SocketTimeoutException e) {
      return "fail " + target + " no answer within " + CONNECT_TIMEOUT_MS / 1000 + " s"
          + " (dropped: a firewall)";
    } catch (ConnectException e) {
      return "fail " + target + " connection refused (rejected: a firewall)";
    } catch (NoRouteToHostException e) {
      return "fail " + target + " no route to host (a firewall rejects it, or there is no route)";
    } catch (IOException e) {
      return "fail " + target + " " + oneLine(e);
    }
  }

  private void say(String line) {
    synchronized (out) {
      out.println(PREFIX + line);
      out.flush();
    }
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage();
    return (m == null ? t.getClass().getSimpleName() : m).replace('\n', ' ');
  }
}
