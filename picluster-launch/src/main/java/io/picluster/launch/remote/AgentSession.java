package io.picluster.launch.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An agent's connection that is not an ssh client: the TCP connection of an agent that a Slurm
 * step started ({@link SrunAgents}), seen as the {@link Process} that {@link RemoteHost} expects of
 * a session. Its "exit" is the connection's close; it has no stderr of its own (srun forwards the
 * agents' stderr to the launcher's).
 */
final class AgentSession extends Process {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final CountDownLatch closed = new CountDownLatch(1);

  AgentSession(Socket socket) throws IOException {
    this.socket = socket;
    InputStream raw = socket.getInputStream();
    this.in = new InputStream() {
      @Override
      public int read() throws IOException {
        int b = raw.read();
        if (b < 0) {
          closed.countDown();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        try {
          int n = raw.read(buf, off, len);
          if (n < 0) {
            closed.countDown();
          }
          return n;
        } catch (IOException e) {
          closed.countDown();
          throw e;
        }
      }
    };
    OutputStream rawOut = socket.getOutputStream();
    this.out = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        rawOut.write(b);
      }

      @Override
      public void write(byte[] buf, int off, int len) throws IOException {
        rawOut.write(buf, off, len);
      }

      @Override
      public void flush() throws IOException {
        rawOut.flush();
      }

      @Override
      public void close() throws IOException {
        socket.shutdownOutput(); // the agent sees its input end, stops its ranks and leaves
      }
    };
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public InputStream getErrorStream() {
    return InputStream.nullInputStream();
  }

  @Override
  public int waitFor() throws InterruptedException {
    closed.await();
    return 0;
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    return closed.await(timeout, unit);
  }

  @Override
  public int exitValue() {
    if (closed.getCount() > 0) {
      throw new IllegalThreadStateException("the agent's connection is open");
    }
    return 0;
  }

  @Override
  public void destroy() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closed already
    }
    closed.countDown();
  }

  @Override
  public boolean isAlive() {
    return closed.getCount() > 0;
  }
}
