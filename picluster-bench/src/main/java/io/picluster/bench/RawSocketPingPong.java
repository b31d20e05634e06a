package io.picluster.bench;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Plain Java message passing, for reference: two JVM processes (like two MPI ranks) bouncing a
 * buffer over one loopback TCP connection with blocking {@link SocketChannel}s, TCP_NODELAY and direct
 * buffers. Prints the same {@code latency_us}/{@code bandwidth_MBps} lines as {@code picluster run
 * pingpong}.
 *
 * <p>Usage: {@code RawSocketPingPong [--quick]}; the process forks its echo peer itself
 * ({@code RawSocketPingPong --echo PORT [--quick]}).
 */
public final class RawSocketPingPong {
  static final int LATENCY_SIZE = 8;
  static final int BANDWIDTH_SIZE = 1 << 20;
  private static final long CONNECT_WAIT_MS = 30_000;

  /** One message size: unmeasured warm-up round trips (JIT, TCP windows), then timed batches. */
  record Phase(int size, int warmup, int batches, int perBatch) {
    int roundTrips() {
      return warmup + batches * perBatch;
    }
  }

  private RawSocketPingPong() {}

  /** Both sides must agree on the schedule: it is derived from the same flag on both. */
  static List<Phase> schedule(boolean quick) {
    return quick
        ? List.of(new Phase(LATENCY_SIZE, 5_000, 5, 500), new Phase(BANDWIDTH_SIZE, 200, 5, 40))
        : List.of(new Phase(LATENCY_SIZE, 20_000, 15, 1_000), new Phase(BANDWIDTH_SIZE, 200, 15, 40));
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int echoPort = -1;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--quick")) {
        quick = true;
      } else if (args[i].equals("--echo") && i + 1 < args.length) {
        echoPort = parsePort(args[++i]);
      } else {
        System.err.println("usage: RawSocketPingPong [--quick]  (unknown argument '" + args[i] + "')");
        System.exit(2);
      }
    }
    if (echoPort >= 0) {
      echo(echoPort, schedule(quick));
    } else {
      lead(quick);
    }
  }

  private static int parsePort(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      System.err.println("RawSocketPingPong: --echo wants a port number, got '" + s + "'");
      System.exit(2);
      return -1;
    }
  }

  private static void lead(boolean quick) throws Exception {
    List<Phase> phases = schedule(quick);
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      List<String> cmd = new ArrayList<>(List.of(Jdk.tool("java"), "-cp",
          System.getProperty("java.class.path"), RawSocketPingPong.class.getName(),
          "--echo", Integer.toString(port)));
      if (quick) {
        cmd.add("--quick");
      }
      Process peer = new ProcessBuilder(cmd)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      try (SocketChannel ch = accept(server, peer)) {
        tune(ch);
        for (Phase phase : phases) {
          report(phase, measure(ch, phase));
        }
      } finally {
        // The peer exits on its own after the last echo; give it a moment, then end it by PID.
        if (!peer.waitFor(10, TimeUnit.SECONDS)) {
          peer.destroyForcibly();
        }
      }
    }
  }

  /** Waits (bounded) for the forked peer to connect; fails early if it died instead. */
  private static SocketChannel accept(ServerSocketChannel server, Process peer) throws Exception {
    server.configureBlocking(false);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_WAIT_MS);
    while (System.nanoTime() < deadline) {
      SocketChannel ch = server.accept();
      if (ch != null) {
        ch.configureBlocking(true);
        return ch;
      }
      if (!peer.isAlive()) {
        throw new IOException("echo peer exited with " + peer.exitValue() + " before connecting");
      }
      Thread.sleep(5);
    }
    throw new IOException("echo peer did not connect within " + CONNECT_WAIT_MS + " ms");
  }

  private static void echo(int port, List<Phase> phases) throws IOException {
    try (SocketChannel ch = SocketChannel.open(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      tune(ch);
      for (Phase phase : phases) {
        ByteBuffer buf = ByteBuffer.allocateDirect(phase.size());
        for (int i = 0; i < phase.roundTrips(); i++) {
          receive(ch, buf);
          send(ch, buf);
        }
      }
    }
  }

  /** Per-batch one-way times in nanoseconds (half the mean round trip of the batch). */
  private static List<Double> measure(SocketChannel ch, Phase phase) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(phase.size());
    for (int i = 0; i < phase.warmup(); i++) {
      send(ch, buf);
      receive(ch, buf);
    }
    List<Double> oneWayNanos = new ArrayList<>();
    for (int b = 0; b < phase.batches(); b++) {
      long start = System.nanoTime();
      for (int i = 0; i < phase.perBatch(); i++) {
        send(ch, buf);
        receive(ch, buf);
      }
      oneWayNanos.add((System.nanoTime() - start) / (2.0 * phase.perBatch()));
    }
    return oneWayNanos;
  }

  private static void report(Phase phase, List<Double> oneWayNanos) {
    if (phase.size() == LATENCY_SIZE) {
      List<Double> us = oneWayNanos.stream().map(ns -> ns / 1e3).toList();
      System.out.printf(Locale.ROOT, "latency_us size=%d median=%.3f min=%.3f max=%.3f batches=%d%n",
          phase.size(), Stats.median(us), Stats.min(us), Stats.max(us), us.size());
    } else {
      // MB/s = 10^6 bytes per second of one-way time, as NetPIPE's time column is one-way.
      List<Double> mbps = oneWayNanos.stream().map(ns -> phase.size() / ns * 1e3).toList();
      System.out.printf(Locale.ROOT,
          "bandwidth_MBps size=%d median=%.1f min=%.1f max=%.1f batches=%d%n",
          phase.size(), Stats.median(mbps), Stats.min(mbps), Stats.max(mbps), mbps.size());
    }
  }

  private static void tune(SocketChannel ch) throws IOException {
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
  }

  /** Writes the whole buffer (a blocking channel may still write in pieces). */
  private static void send(SocketChannel ch, ByteBuffer buf) throws IOException {
    buf.clear();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** Reads exactly one message, i.e. until the buffer is full. */
  private static void receive(SocketChannel ch, ByteBuffer buf) throws IOException {
    buf.clear();
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new EOFException("peer closed the connection mid-message");
      }
    }
  }
}
