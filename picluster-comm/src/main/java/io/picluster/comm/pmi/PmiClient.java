package io.picluster.comm.pmi;

import io.picluster.comm.CommException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A PMI-1 client speaking the "simple" wire protocol exactly as MPICH's libpmi does, so the same
 * rank runs under picluster's launcher and under MPICH's {@code mpiexec.hydra}: in port mode
 * ({@code PMI_PORT=host:port}, {@code PMI_ID=rank}; picluster's launcher, {@code mpiexec -pmi-port})
 * or on an inherited socket ({@code PMI_FD}, Hydra's default), which Java can adopt only where
 * {@code java.base/java.io} is opened to it ({@link #inherit}).
 *
 * <p>One thread reads every line the server sends. Replies go to the caller waiting for them; an
 * end of stream before {@link #finalizeJob()} means the launcher is gone, and {@code onLost} runs
 * (the rank ends itself rather than live on as an orphan).
 */
public final class PmiClient implements AutoCloseable {
  private static final String LOST = "\u0000lost";
  /** The server's longest line (its own cap): a longer one is no PMI server's, never buffered. */
  static final int MAX_REPLY_LINE = 64 << 20;

  /** The JVM option that lets {@link #inherit} adopt Hydra's PMI_FD. */
  public static final String ADD_OPENS = "--add-opens java.base/java.io=ALL-UNNAMED";

  /** PMI's own limits (get_maxes); Slurm answers 64 and 1024 but enforces neither. */
  public static final int MAX_KEY = 64;

  public static final int MAX_VALUE = 1024;

  private final Closeable connection;
  private final InetAddress localAddress;
  /** The server is in this JVM and opened no port ({@link #serverHasNoPort}). */
  private final boolean serverPortless;
  private final OutputStream out;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private volatile boolean finished;
  private int rank = -1;
  private int size = -1;
  private String kvsName;

  private PmiClient(Closeable connection, InetAddress localAddress, OutputStream out, boolean serverPortless) {
    this.connection = connection;
    this.localAddress = localAddress;
    this.out = out;
    this.serverPortless = serverPortless;
  }

  /**
   * Connects to the server at {@code hostPort} and runs the handshake: {@code initack} (when
   * {@code pmiId} is given), {@code init}, {@code get_maxes} and {@code get_my_kvsname}.
   *
   * @param pmiId the {@code PMI_ID}, or null to take rank and size from {@code envRank}/{@code envSize}
   */
  public static PmiClient connect(String hostPort, String pmiId, String envRank, String envSize, Runnable onLost) {
    InetSocketAddress given = parseHostPort(hostPort);
    InetSocketAddress server = new InetSocketAddress(given.getHostString(), given.getPort());
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(server, 30_000);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new CommException("cannot reach the launcher's PMI server at " + hostPort + ": " + e.getMessage(), e);
    }
    try {
      PmiClient client = new PmiClient(socket, socket.getLocalAddress(), socket.getOutputStream(), false);
      client.startReader(socket.getInputStream(), onLost);
      client.handshake(pmiId, envRank, envSize);
      return client;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new CommException("PMI handshake with " + hostPort + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(socket); // also ends the reader thread
      throw e;
    }
  }

  /**
   * Joins the job's PMI server when it runs in this same JVM (a rank that is a thread of the
   * launcher), through {@code connect}: given this client's reply sink, it returns the server's
   * request sink, or null when the server is not here. Each request is handled in the caller's
   * thread and its reply is back when the request has been written: no socket, no reader thread,
   * no hand-off between threads (a job of 4 threads makes ~80 requests at its start). The
   * handshake is {@link #connect}'s.
   *
   * @param hostPort {@code PMI_PORT}: its address (a literal, as the launcher gives it) is this
   *     host's, where a socket to the server would start, as {@link #localAddress} says
   * @return the client, or null when {@code connect} offers no link or the address is a name
   */
  public static PmiClient inJvm(Function<Consumer<String>, Consumer<String>> connect, String hostPort,
      String pmiId, String envRank, String envSize) {
    // Only the host: a launcher whose every rank is one of its threads opens no port (port 0).
    InetAddress local = literalAddress(hostOf(hostPort));
    if (local == null) {
      return null;
    }
    InJvmLink link = new InJvmLink();
    PmiClient client = new PmiClient(link, local, link, hostPort.endsWith(":0"));
    Consumer<String> server = connect.apply(client.new Replies());
    if (server == null) {
      return null;
    }
    link.attach(server);
    try {
      client.handshake(pmiId, envRank, envSize);
      return client;
    } catch (IOException e) {
      link.close();
      throw new CommException("PMI handshake with the launcher failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      link.close();
      throw e;
    }
  }

  /** The address written as {@code host} (an IPv4 or IPv6 literal), or null for a name: no DNS. */
  private static InetAddress literalAddress(String host) {
    boolean literal = !host.isEmpty() && host.indexOf(':') >= 0;
    if (!literal) {
      literal = !host.isEmpty();
      for (int i = 0; i < host.length() && literal; i++) {
        char c = host.charAt(i);
        literal = c == '.' || (c >= '0' && c <= '9');
      }
    }
    try {
      return literal ? InetAddress.getByName(host) : null;
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /**
   * Adopts the connected socket a process manager passed as file descriptor {@code fd}
   * ({@code PMI_FD}, with {@code PMI_RANK} and {@code PMI_SIZE}) and runs the handshake. Java has
   * no public way to wrap an inherited descriptor: this uses {@code java.base/java.io} when it is
   * opened to picluster ({@value #ADD_OPENS}), and else {@code sun.misc.Unsafe} (picluster.jar has no
   * {@code Add-Opens} in its manifest: one costs every {@code java -jar} ~30 ms before main).
   *
   * @throws CommException at once, naming both ways out, when neither works here
   */
  public static PmiClient inherit(String fd, String envRank, String envSize, Runnable onLost) {
    FileDescriptor descriptor = descriptor(parseInt(fd, "PMI_FD"));
    FileOutputStream out = new FileOutputStream(descriptor);
    Closeable connection = out; // closing either stream closes the descriptor
    try {
      PmiClient client = new PmiClient(connection, null, out, false);
      client.startReader(new FileInputStream(descriptor), onLost);
      client.handshake(null, envRank, envSize);
      return client;
    } catch (IOException e) {
      closeQuietly(connection);
      throw new CommException("PMI handshake over PMI_FD=" + fd + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /**
   * Whether {@link #inherit} can work in this JVM: with java.io open to us, or else through
   * {@code sun.misc.Unsafe} (module jdk.unsupported, open to every module), which sets the
   * descriptor's number without opening java.io, so {@code java -cp app.jar:picluster.jar Main}
   * joins under {@code srun --mpi=pmi2} and Hydra with no extra option.
   */
  public static boolean canInherit() {
    return javaIoIsOpen() || UnsafeDescriptor.available();
  }

  private static boolean javaIoIsOpen() {
    return Object.class.getModule().isOpen("java.io", PmiClient.class.getModule());
  }

  private static FileDescriptor descriptor(int fd) {
    if (fd < 0) {
      throw new CommException("PMI_FD must be a file descriptor number, got " + fd);
    }
    if (!javaIoIsOpen()) {
      FileDescriptor viaUnsafe = UnsafeDescriptor.of(fd);
      if (viaUnsafe != null) {
        return viaUnsafe;
      }
      throw new CommException("the process manager started this rank with PMI_FD, which this Java can "
          + "use only with " + ADD_OPENS + ": give java that option, or mpiexec -pmi-port");
    }
    try {
      Field field = FileDescriptor.class.getDeclaredField("fd");
      field.setAccessible(true);
      FileDescriptor descriptor = new FileDescriptor();
      field.setInt(descriptor, fd);
      return descriptor;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new CommException("cannot adopt PMI_FD=" + fd + " (" + e + "): run mpiexec with -pmi-port",
          e);
    }
  }

  private void handshake(String pmiId, String envRank, String envSize) throws IOException {
    if (pmiId != null) {
      send("cmd=initack pmiid=" + pmiId);
      expect("initack");
      size = intField(expect("set"), "size");
      rank = intField(expect("set"), "rank");
      expect("set"); // debug=0
    } else {
      rank = parseInt(envRank, "PMI_RANK");
      size = parseInt(envSize, "PMI_SIZE");
    }
    PmiReply init = call("cmd=init pmi_version=1 pmi_subversion=1", "response_to_init");
    if (init.rc() != 0) {
      throw new CommException("the PMI server refused PMI version 1.1: " + init);
    }
    call("cmd=get_maxes", "maxes");
    kvsName = call("cmd=get_my_kvsname", "my_kvsname").get("kvsname");
    if (kvsName == null) {
      throw new CommException("the PMI server sent no kvsname");
    }
  }

  public int rank() {
    return rank;
  }

  /** The job's key-value space name: unique per job on its process manager. */
  public String kvsName() {
    return kvsName;
  }

  public int size() {
    return size;
  }

  /**
   * True when this rank's PMI server is in this JVM and opened no port (port 0 in
   * {@code PMI_PORT}): no rank of the job can then be anywhere but in this JVM, as any other would
   * need the port to join.
   */
  public boolean serverHasNoPort() {
    return serverPortless;
  }

  /**
   * The address of this side of the connection to the server: the interface that reaches it; null
   * on an inherited descriptor ({@code PMI_FD}), which is not a TCP connection.
   */
  public InetAddress localAddress() {
    return localAddress;
  }

  /**
   * Stores {@code key=value} in the job's key-value space; visible to others after a barrier.
   * Refuses what a PMI server could not take whole: keys over {@value #MAX_KEY} bytes, values over
   * {@value #MAX_VALUE}, and spaces, newlines or {@code ;} (Slurm's slurmstepd cuts a value at a
   * {@code ;}, and corrupts the step on long values).
   */
  public void put(String key, String value) {
    checkPut(key, value);
    PmiReply reply = call("cmd=put kvsname=" + kvsName + " key=" + key + " value=" + value, "put_result");
    if (reply.rc() != 0) {
      throw new CommException("PMI put of " + key + " failed: " + reply);
    }
  }

  static void checkPut(String key, String value) {
    if (key.isEmpty() || key.length() > MAX_KEY || !plain(key)) {
      throw new CommException("PMI key '" + key + "' is empty, longer than " + MAX_KEY
          + " bytes or holds a space, '=', ';' or a control character");
    }
    if (value.length() > MAX_VALUE || !plain(value)) {
      throw new CommException("PMI value of " + key + " is longer than " + MAX_VALUE
          + " bytes or holds a space, ';' or a control character; split or encode it");
    }
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == ';' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** Reads {@code key}; never blocks on a missing key (put, then barrier, then get). */
  public String get(String key) {
    PmiReply reply = call("cmd=get kvsname=" + kvsName + " key=" + key, "get_result");
    if (reply.rc() != 0) {
      throw new CommException("PMI key " + key + " is not set (" + reply + ")");
    }
    return reply.get("value");
  }

  /** Waits until every rank of the job has entered the barrier. */
  public void barrier() {
    call("cmd=barrier_in", "barrier_out");
  }

  /** Tells the server this rank ends cleanly. */
  public void finalizeJob() {
    finished = true;
    try {
      call("cmd=finalize", "finalize_ack");
    } finally {
      close();
    }
  }

  /** Asks the server to end the whole job with {@code exitCode}; no reply comes. */
  public void abort(int exitCode) {
    finished = true;
    try {
      send("cmd=abort exitcode=" + exitCode);
    } catch (IOException ignored) {
      // the caller halts the process next either way
    }
  }

  @Override
  public void close() {
    finished = true;
    closeQuietly(connection);
  }

  private synchronized PmiReply call(String request, String expectedCommand) {
    try {
      send(request);
      return expect(expectedCommand);
    } catch (IOException e) {
      throw new CommException("PMI request '" + request.split(" ")[0] + "' failed: " + e.getMessage(), e);
    }
  }

  private void send(String line) throws IOException {
    synchronized (out) {
      out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  private PmiReply expect(String command) throws IOException {
    String line;
    try {
      line = replies.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the PMI server");
    }
    if (line == LOST) {
      replies.add(LOST); // later callers see the loss too
      throw new IOException("the PMI server closed the connection");
    }
    PmiReply reply = new PmiReply(line);
    if (!reply.command().equals(command)) {
      throw new IOException("expected cmd=" + command + " from the PMI server, got '" + line + "'");
    }
    return reply;
  }

  /**
   * Where a server in this JVM puts its reply lines; a null line is the end of the connection, as
   * the end of a socket's stream is for {@link ReplyReader}. It runs in the server's threads, so it
   * only queues: a request waiting then fails; the launcher ends the rank itself (no "launcher
   * lost" here: the launcher is this JVM). A class, not a lambda: see ReplyReader.
   */
  private final class Replies implements Consumer<String> {
    @Override
    public void accept(String line) {
      replies.add(line == null ? LOST : line);
    }
  }

  private void startReader(InputStream raw, Runnable onLost) {
    Thread reader = new Thread(new ReplyReader(raw, onLost), "picluster-pmi-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Reads the server's lines into {@code replies} until the connection ends. A class rather than a
   * lambda: a rank that runs as a thread may have its own copy of this class (when its job brings
   * its own picluster-comm) and would spin the lambda again at its start.
   */
  private final class ReplyReader implements Runnable {
    private final InputStream raw;
    private final Runnable onLost;

    ReplyReader(InputStream raw, Runnable onLost) {
      this.raw = raw;
      this.onLost = onLost;
    }

    @Override
    public void run() {
      InputStream in = new BufferedInputStream(raw);
      ByteArrayOutputStream line = new ByteArrayOutputStream(128);
      try {
        for (int b; (b = in.read()) >= 0; ) {
          if (b == '\n') {
            replies.add(line.toString(StandardCharsets.ISO_8859_1));
            line.reset();
          } else if (line.size() < MAX_REPLY_LINE) {
            line.write(b);
          } else {
            System.err.println("picluster: the PMI server sent a line longer than "
                + MAX_REPLY_LINE + " bytes; leaving the job");
            break;
          }
        }
      } catch (IOException closed) {
        // treated as end of stream below
      }
      replies.add(LOST);
      if (!finished && onLost != null) {
        onLost.run();
      }
    }
  }

  private static int intField(PmiReply reply, String key) throws IOException {
    String value = reply.get(key);
    if (value == null) {
      throw new IOException("expected " + key + "= from the PMI server, got '" + reply + "'");
    }
    return parseInt(value, key);
  }

  private static int parseInt(String value, String what) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new CommException(what + " must be a number, got '" + shown(value) + "'");
    }
  }

  /** A value from outside as a message may show it: on one line, control characters escaped. */
  static String shown(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.length() && b.length() < 200; i++) {
      char c = value.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }

  static InetSocketAddress parseHostPort(String hostPort) {
    String host = hostOf(hostPort);
    int port = parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1), "the port in PMI_PORT");
    if (port < 1 || port > 65535) {
      throw new CommException("the port in PMI_PORT must be 1 to 65535, got " + port);
    }
    return InetSocketAddress.createUnresolved(host, port); // resolved when connecting
  }

  /** The host of {@code host:port}, brackets of an IPv6 literal removed. */
  private static String hostOf(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new CommException("PMI_PORT must be host:port, got '" + shown(hostPort) + "'");
    }
    String host = hostPort.substring(0, colon);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static void closeQuietly(Closeable connection) {
    try {
      connection.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }
}
